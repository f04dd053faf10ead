package io.agentmeter.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a dashboard left open does to the query API meanwhile: one {@code GET /v1/live} stream (Server-Sent Events,
 * reconnected with {@code Last-Event-ID} when it ends, as a browser's EventSource would), and every {@code every} a
 * summary of the last hour and the five most expensive sessions, in turn.
 */
final class QueryLoad implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;
    private final Duration every;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong liveTurns = new AtomicLong();
    private final AtomicLong liveConnects = new AtomicLong();
    private final AnswerTimes answerMillis = new AnswerTimes();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Stream<String> liveLines;

    QueryLoad(URI queryApi, String key, Duration every) {
        this.base = queryApi;
        this.key = key;
        this.every = every;
    }

    void start() {
        if (every.isZero()) {
            return;
        }
        threads.add(daemon("soak-queries", this::query));
        threads.add(daemon("soak-live", this::live));
        threads.forEach(Thread::start);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void query() {
        long n = 0;
        while (running) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String path = n++ % 2 == 0 ? "/v1/summary?from=" + now.minus(1, ChronoUnit.HOURS) + "&to=" + now
                    : "/v1/sessions?sort=cost&limit=5";
            long started = System.nanoTime();
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            queries.incrementAndGet();
            answerMillis.since(started);
            sleep(every);
        }
    }

    private void live() {
        String lastId = null;
        while (running) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/live"))
                    .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET();
            if (lastId != null) {
                request.header("Last-Event-ID", lastId);
            }
            try {
                HttpResponse<Stream<String>> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                liveConnects.incrementAndGet();
                if (answer.statusCode() != 200) {
                    answer.body().close();
                    errors.incrementAndGet();
                    sleep(Duration.ofSeconds(2));
                    continue;
                }
                liveLines = answer.body();
                try (Stream<String> lines = answer.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        // "id:789-1", "event:turn" (SSE allows one space after the colon)
                        if (line.startsWith("id:")) {
                            lastId = line.substring(3).strip();
                        } else if (line.startsWith("event:") && line.substring(6).strip().equals("turn")) {
                            liveTurns.incrementAndGet();
                        }
                        if (!running) {
                            return;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    errors.incrementAndGet();
                    sleep(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    long queries() {
        return queries.get();
    }

    long errors() {
        return errors.get();
    }

    /** {@code turn} events the live stream delivered. */
    long liveTurns() {
        return liveTurns.get();
    }

    long liveConnects() {
        return liveConnects.get();
    }

    /** Answer times of the queries since the last call, sorted, in ms. */
    long[] drainAnswerMillis() {
        return answerMillis.drainSorted();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Stream<String> lines = liveLines;
        if (lines != null) {
            lines.close();
        }
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
