package io.agentmeter.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agents sending turns to two gateways behind one name, as a load balancer would spread them: {@code senders}
 * threads, each sending batches of {@link #BATCH} new turns at a steady pace, alternating between the gateways. A
 * batch that is not acknowledged (a 503, a timeout, no answer) is sent again, with the same ids, to the other gateway
 * after {@link #RETRY_PAUSE}, until one acknowledges it; every tenth acknowledged batch is sent once more (an
 * exporter's retry), so copies cross gateways. Every answer is recorded with the phase the test was in when it came
 * back, so the answers while a broker was down can be told apart from the others.
 */
final class TwoGatewayWorkload implements AutoCloseable {

    static final int BATCH = 10;
    static final int SESSIONS = 24;
    static final Duration PACE = Duration.ofMillis(250);
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    /** Longer than the gateway's own bound (max-block + delivery timeout + 0.5 s = 12.5 s by default). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern ERROR_CODE = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]+)\"");

    /** One HTTP request: the phase its answer came in, the gateway, when it left, how long it took, the answer. */
    record Attempt(String phase, int gateway, long sentNanos, long latencyNanos, String answer, boolean copy) {
        boolean acknowledged() {
            return answer.equals("200");
        }
    }

    /** A new batch acknowledged: the phase it was acknowledged in, how long since its first try, how many tries. */
    record Batch(String phase, long untilAcknowledgedNanos, int tries) {
    }

    private final HttpClient http = E2eSystem.http();
    private final List<URI> gateways;
    private final String key;
    private final String run;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final Set<String> sent = new HashSet<>();
    private final List<Batch> batches = new ArrayList<>();
    private final Map<String, long[]> phaseSpans = new java.util.LinkedHashMap<>();
    private volatile boolean running = true;
    private volatile String phase = "starting";

    TwoGatewayWorkload(List<URI> gateways, String key, String run, int senders) {
        this.gateways = gateways.stream().map(gateway -> gateway.resolve("/v1/turns")).toList();
        this.key = key;
        this.run = run;
        for (int sender = 0; sender < senders; sender++) {
            int index = sender;
            Thread thread = new Thread(() -> sendUntilStopped(index), "workload-" + sender);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start(String firstPhase) {
        phase(firstPhase);
        threads.forEach(Thread::start);
    }

    /** Answers coming from now on belong to {@code name}. */
    synchronized void phase(String name) {
        long now = System.nanoTime();
        long[] previous = phaseSpans.get(phase);
        if (previous != null) {
            previous[1] = now;
        }
        phaseSpans.put(name, new long[] {now, Long.MAX_VALUE});
        phase = name;
    }

    private void sendUntilStopped(int sender) {
        for (int batch = 0; running; batch++) {
            List<String> ids = new ArrayList<>();
            String body = body(sender, batch, ids);
            synchronized (this) {
                sent.addAll(ids);
            }
            int gateway = (sender + batch) % gateways.size();
            long first = System.nanoTime();
            Taken taken = sendUntilTaken(body, gateway, false);
            if (taken == null) {
                return;
            }
            synchronized (this) {
                acknowledged.addAll(ids);
                batches.add(new Batch(phase, System.nanoTime() - first, taken.tries()));
            }
            if (batch % 10 == 9) {
                sendUntilTaken(body, (taken.gateway() + 1) % gateways.size(), true);
            }
            sleep(PACE);
        }
    }

    private String body(int sender, int batch, List<String> ids) {
        StringBuilder body = new StringBuilder("[");
        Instant now = Instant.now();
        for (int i = 0; i < BATCH; i++) {
            String id = run + "-" + sender + "-" + batch + "-" + i;
            long input = 100 + (batch * 7L + i * 13L + sender) % 900;
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"event_id\":\"").append(id)
                    .append("\",\"occurred_at\":\"").append(now)
                    .append("\",\"session_id\":\"").append(run).append("-s").append((batch * BATCH + i) % SESSIONS)
                    .append("\",\"model\":\"claude-sonnet-4-5\",\"agent\":\"cluster-workload\",\"usage\":{")
                    .append("\"input_tokens\":").append(input).append(",\"output_tokens\":").append(input / 4)
                    .append("}}");
        }
        return body.append(']').toString();
    }

    /** Which gateway acknowledged a batch, at which try. */
    private record Taken(int gateway, int tries) {
    }

    /**
     * Sends to {@code gateway}, then to the other one after each refusal, until one acknowledges or the workload is
     * stopped (null).
     */
    private Taken sendUntilTaken(String body, int gateway, boolean copy) {
        int target = gateway;
        for (int tries = 1; running; tries++) {
            long started = System.nanoTime();
            String answer;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateways.get(target))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                answer = Integer.toString(response.statusCode());
                Matcher code = ERROR_CODE.matcher(response.body());
                if (response.statusCode() != 200 && code.find()) {
                    answer += " " + code.group(1);
                }
            } catch (IOException e) {
                answer = "no answer (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            Attempt attempt = new Attempt(phase, target, started, System.nanoTime() - started, answer, copy);
            synchronized (this) {
                attempts.add(attempt);
            }
            if (attempt.acknowledged()) {
                return new Taken(target, tries);
            }
            target = (target + 1) % gateways.size();
            sleep(RETRY_PAUSE);
        }
        return null;
    }

    synchronized Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Every id sent at least once: a batch refused or in flight at the stop may be stored unacknowledged. */
    synchronized Set<String> sent() {
        return Set.copyOf(sent);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The new batches acknowledged during {@code phaseName}. */
    synchronized List<Batch> batches(String phaseName) {
        return batches.stream().filter(b -> b.phase().equals(phaseName)).toList();
    }

    /** The attempts answered during {@code phaseName}. */
    synchronized List<Attempt> attempts(String phaseName) {
        return attempts.stream().filter(a -> a.phase().equals(phaseName)).toList();
    }

    /**
     * One line a phase, of the requests answered in it: their count and latency (p50, p99, max), the turns
     * acknowledged (new batches), the batches that needed more than one try, the longest a batch took from its first
     * try to its acknowledgement, the longest stretch of the phase in which no request was acknowledged, and the
     * answers by kind.
     */
    synchronized String report(List<String> phases) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-40s %8s %7s %7s %7s %7s %7s %9s %9s  %s%n", "phase", "requests", "p50 ms", "p99 ms", "max ms",
                "acked", "retried", "longest", "no ack", "answers"));
        for (String name : phases) {
            List<Attempt> in = attempts(name);
            if (in.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%-40s %8d%n", name, 0));
                continue;
            }
            List<Long> latencies = in.stream().map(Attempt::latencyNanos).sorted().toList();
            Map<String, Integer> answers = new TreeMap<>();
            in.forEach(a -> answers.merge(a.answer(), 1, Integer::sum));
            List<Batch> taken = batches.stream().filter(b -> b.phase().equals(name)).toList();
            long retried = taken.stream().filter(b -> b.tries() > 1).count();
            long longest = taken.stream().mapToLong(Batch::untilAcknowledgedNanos).max().orElse(0);
            out.append(String.format(Locale.ROOT, "%-40s %8d %7.0f %7.0f %7.0f %7d %7d %7.1f s %7.1f s  %s%n", name,
                    in.size(), millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                    millis(latencies.get(latencies.size() - 1)), taken.size() * BATCH, retried, longest / 1e9,
                    longestWithoutAcknowledgement(name) / 1e9, answers));
        }
        return out.toString();
    }

    /** How long before the end of the phase the last request of it was acknowledged (the phase's length if none). */
    synchronized Duration sinceLastAcknowledgement(String phaseName) {
        long[] span = phaseSpans.get(phaseName);
        long end = span[1] == Long.MAX_VALUE ? System.nanoTime() : span[1];
        long last = attempts(phaseName).stream().filter(Attempt::acknowledged)
                .mapToLong(a -> a.sentNanos() + a.latencyNanos()).max().orElse(span[0]);
        return Duration.ofNanos(end - last);
    }

    /** The longest stretch of the phase (from its start to its end) in which no request was acknowledged. */
    synchronized long longestWithoutAcknowledgement(String phaseName) {
        long[] span = phaseSpans.get(phaseName);
        List<Long> acknowledgedAt = attempts(phaseName).stream().filter(Attempt::acknowledged)
                .map(a -> a.sentNanos() + a.latencyNanos()).sorted().toList();
        long end = span[1] == Long.MAX_VALUE ? System.nanoTime() : span[1];
        long previous = span[0];
        long longest = 0;
        for (long at : acknowledgedAt) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Math.max(longest, end - previous);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the batches in flight are taken or given up; what was acknowledged stays acknowledged. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            if (running) {
                phaseSpans.get(phase)[1] = System.nanoTime();
            }
            running = false;
        }
        for (Thread thread : threads) {
            thread.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
        }
    }
}
