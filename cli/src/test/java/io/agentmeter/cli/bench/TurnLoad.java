package io.agentmeter.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.demo.DemoGenerator;
import io.agentmeter.cli.demo.DemoPlan;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns sent to the gateway over HTTP at a fixed rate, the way agents' exporters send them: NDJSON batches of
 * {@code batch} turns on a fixed schedule (batch {@code k} is due at {@code start + k × batch / rate}, whatever the
 * answers before it did: an open loop, several senders so that one slow answer does not hold the next batch), each
 * batch sent again with the same ids until the gateway takes it (200), and every 50th taken batch sent once more, as
 * an exporter's retry, which must change nothing.
 *
 * <p>The turns are the demo's ({@link DemoGenerator}: agent teams, comparisons and long research sessions on real
 * models of several providers, with caching, reasoning, tools and ~3% errors), each timed when it is sent
 * ({@code occurred_at} = now, so freshness is measured from it). The pool of generated turns is sent over and over;
 * each pass gets new session ids (so sessions begin and end all along) and every turn a new event id,
 * {@code soak-<run>-<n>}; {@link #acknowledged()} and {@link #sent()} know which {@code n} the gateway took.
 */
final class TurnLoad implements AutoCloseable {

    static final int POOL = 20_000;
    private static final int SENDERS = 4;
    private static final int RESEND_EVERY = 50;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI turns;
    private final String key;
    private final String prefix;
    private final double rate;
    private final int batch;
    private final List<DemoPlan.LiveTurn> pool;
    private final AtomicLong nextBatch = new AtomicLong();
    private final AtomicLong refusedTries = new AtomicLong();
    private final AtomicLong rejectedItems = new AtomicLong();
    private final AtomicLong resentBatches = new AtomicLong();
    private final BitSet sent = new BitSet();
    private final BitSet acknowledged = new BitSet();
    private final AnswerTimes answerMillis = new AnswerTimes();
    private final List<Thread> senders = new ArrayList<>();
    private volatile long startNanos;
    private volatile long endNanos = Long.MAX_VALUE;
    private volatile boolean giveUp;

    /** Prepares the pool of turns (seeded: the same seed sends the same turns); nothing is sent yet. */
    TurnLoad(URI gateway, String key, String run, double rate, int batch, long seed) {
        this.turns = gateway.resolve("/v1/turns");
        this.key = key;
        this.prefix = "soak-" + run + "-";
        this.rate = rate;
        this.batch = batch;
        DemoPlan plan = new DemoGenerator(seed, PriceBook.loadShipped())
                .plan(POOL, POOL, Instant.now(), Duration.ZERO, false);
        this.pool = plan.live().stream().filter(DemoPlan.LiveTurn.class::isInstance)
                .map(DemoPlan.LiveTurn.class::cast).toList();
    }

    /** The event ids' prefix: {@code soak-<run>-}. */
    String prefix() {
        return prefix;
    }

    /** Sends until {@code duration} from now has passed (no batch due later is sent). */
    void start(Duration duration) {
        startNanos = System.nanoTime();
        endNanos = startNanos + duration.toNanos();
        for (int i = 0; i < SENDERS; i++) {
            Thread sender = new Thread(this::sendDueBatches, "soak-sender-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
    }

    private void sendDueBatches() {
        long spacing = (long) (batch * 1e9 / rate);
        while (true) {
            long k = nextBatch.getAndIncrement();
            long due = startNanos + k * spacing;
            if (due >= endNanos) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            sendBatch(k);
        }
    }

    private void sendBatch(long k) {
        Instant now = Instant.now();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int first = (int) (k * batch);
        for (int i = 0; i < batch; i++) {
            long n = k * batch + i;
            DemoPlan.LiveTurn template = pool.get((int) (n % pool.size()));
            long pass = n / pool.size();
            TurnEvent turn = TurnBuilder.from(template.at(now)).eventId(prefix + n)
                    .sessionId(prefix + "p" + pass + "-" + template.template().sessionId()).build();
            body.writeBytes(TurnEventWriter.toBytes(turn));
            body.write('\n');
        }
        synchronized (this) {
            sent.set(first, first + batch);
        }
        byte[] bytes = body.toByteArray();
        Set<Integer> rejected = sendUntilTaken(bytes, true);
        if (rejected == null) {
            return; // given up at the end
        }
        synchronized (this) {
            for (int i = 0; i < batch; i++) {
                if (!rejected.contains(i)) {
                    acknowledged.set(first + i);
                }
            }
        }
        rejectedItems.addAndGet(rejected.size());
        if (k % RESEND_EVERY == RESEND_EVERY - 1) {
            resentBatches.incrementAndGet();
            sendUntilTaken(bytes, false); // the same ids again: must change nothing
        }
    }

    /** The indexes the gateway rejected once it answered 200 or 400 with items; null when given up. */
    private Set<Integer> sendUntilTaken(byte[] body, boolean timed) {
        while (!giveUp) {
            long started = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(turns).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (timed) {
                    answerMillis.since(started);
                }
                if (answer.statusCode() == 200 || answer.statusCode() == 400) {
                    JsonNode json = Json.mapper().readTree(answer.body());
                    if (answer.statusCode() == 200 || json.has("rejected_items")) {
                        Set<Integer> rejected = new HashSet<>();
                        for (JsonNode item : json.path("rejected_items")) {
                            rejected.add(item.path("index").asInt());
                        }
                        return rejected;
                    }
                }
            } catch (IOException e) {
                // the gateway is down or restarting: again, as an exporter does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            refusedTries.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
    }

    /** Turns due by now on the schedule (what a perfect sender would have sent). */
    long due() {
        if (startNanos == 0) {
            return 0;
        }
        long spacing = (long) (batch * 1e9 / rate);
        long dueByNow = (System.nanoTime() - startNanos) / spacing + 1;
        long dueInAll = (endNanos - startNanos + spacing - 1) / spacing;
        return Math.min(dueByNow, dueInAll) * batch;
    }

    synchronized long sentCount() {
        return sent.cardinality();
    }

    synchronized long acknowledgedCount() {
        return acknowledged.cardinality();
    }

    synchronized BitSet acknowledged() {
        return (BitSet) acknowledged.clone();
    }

    synchronized BitSet sent() {
        return (BitSet) sent.clone();
    }

    long refusedTries() {
        return refusedTries.get();
    }

    long rejectedItems() {
        return rejectedItems.get();
    }

    long resentBatches() {
        return resentBatches.get();
    }

    /** The gateway's answer times (first copies) since the last call, sorted, in ms. */
    long[] drainAnswerMillis() {
        return answerMillis.drainSorted();
    }

    /** Waits for the senders to send what was due and get it taken; gives up after {@code patience}. */
    void awaitDone(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread sender : senders) {
            sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        giveUp = true;
        for (Thread sender : senders) {
            sender.join(40_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        endNanos = System.nanoTime();
        giveUp = true;
        for (Thread sender : senders) {
            sender.interrupt();
            sender.join(40_000);
        }
    }
}
