package io.agentmeter.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that keeps sending turns to a gateway as an agent's exporter would: batches of {@link #BATCH} turns at a
 * steady pace, each batch sent again until the gateway acknowledges it (200), the same ids every time, and every
 * tenth acknowledged batch sent once more as a copy. It keeps what a test needs to judge the outcome: the ids
 * acknowledged, their token sums, and when the gateway did not take a batch at the first try.
 */
final class TurnWorkload implements AutoCloseable {

    static final int BATCH = 10;
    private static final Duration PACE = Duration.ofMillis(100);

    private final HttpClient http = E2eSystem.http();
    private final URI turns;
    private final String key;
    private final String run;
    private final Instant occurredAt;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final Set<String> sent = new LinkedHashSet<>();
    private final List<Instant> refusedAt = new ArrayList<>();
    private final List<Duration> outages = new ArrayList<>();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final Thread sender;

    /** Starts sending to {@code gateway} with {@code key}, ids prefixed {@code run}, all turns at {@code occurredAt}. */
    TurnWorkload(URI gateway, String key, String run, Instant occurredAt) {
        this.turns = gateway.resolve("/v1/turns");
        this.key = key;
        this.run = run;
        this.occurredAt = occurredAt;
        this.sender = new Thread(this::sendUntilStopped, "turn-workload");
        sender.setDaemon(true);
        sender.start();
    }

    private void sendUntilStopped() {
        int batch = 0;
        while (running.get()) {
            batch++;
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            long tokens = 0;
            for (int i = 0; i < BATCH; i++) {
                String id = run + "-" + batch + "-" + i;
                long input = 100 + (batch * 7L + i) % 900;
                tokens += input;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"event_id\":\"").append(id).append("\",\"occurred_at\":\"")
                        .append(occurredAt).append("\",\"session_id\":\"").append(run).append('-').append(batch % 20)
                        .append("\",\"model\":\"claude-sonnet-4-5\",\"agent\":\"workload\",\"usage\":{")
                        .append("\"input_tokens\":").append(input).append(",\"output_tokens\":").append(input / 4)
                        .append("}}");
            }
            body.append(']');
            synchronized (this) {
                sent.addAll(ids);
            }
            if (!sendUntilTaken(body.toString())) {
                return;
            }
            synchronized (this) {
                acknowledged.addAll(ids);
            }
            inputTokens.addAndGet(tokens);
            if (batch % 10 == 0) {
                sendUntilTaken(body.toString()); // an exporter's retry of a batch that was taken: changes nothing
            }
            sleep(PACE);
        }
    }

    /** Sends until a 200 (true) or until stopped (false); a refusal of the first try is noted with its time. */
    private boolean sendUntilTaken(String body) {
        Instant firstRefusal = null;
        while (running.get()) {
            attempts.incrementAndGet();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(turns).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    if (firstRefusal != null) {
                        synchronized (this) {
                            outages.add(Duration.between(firstRefusal, Instant.now()));
                        }
                    }
                    return true;
                }
            } catch (IOException e) {
                // the gateway is down or restarting: try again, as an exporter does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (firstRefusal == null) {
                firstRefusal = Instant.now();
                synchronized (this) {
                    refusedAt.add(firstRefusal);
                }
            }
            sleep(Duration.ofMillis(200));
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids the gateway acknowledged so far. */
    synchronized Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** The ids sent at least once: a batch in flight when the workload stopped may be stored unacknowledged. */
    synchronized Set<String> sent() {
        return Set.copyOf(sent);
    }

    /** The input tokens of the acknowledged turns (each counted once). */
    long acknowledgedInputTokens() {
        return inputTokens.get();
    }

    /** When a batch was not taken at its first try. */
    synchronized List<Instant> refusedAt() {
        return List.copyOf(refusedAt);
    }

    /** For each batch not taken at once, how long from its first refusal until the gateway took it. */
    synchronized List<Duration> outages() {
        return List.copyOf(outages);
    }

    long attempts() {
        return attempts.get();
    }

    /** Stops after the batch in flight is taken or given up; what was acknowledged stays acknowledged. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sender.join(Duration.ofSeconds(30).toMillis());
    }
}
