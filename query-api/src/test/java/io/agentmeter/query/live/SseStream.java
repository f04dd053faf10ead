package io.agentmeter.query.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A test client of {@code GET /v1/live}: a real HTTP connection whose body is read line by line and parsed by the
 * Server-Sent Events rules (event / id / data fields, comments, a blank line ends an event) on its own thread.
 */
final class SseStream implements AutoCloseable {

    /** One event as received; comments are counted, not kept. */
    record Event(String name, String id, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile int comments;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; the status is not checked (see {@link #status()}). */
    static SseStream open(URI uri, String key, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    int comments() {
        return comments;
    }

    /** The next event matching {@code wanted}, skipping others; null after {@code timeout} or at the stream's end. */
    Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Object item = received.poll(left, TimeUnit.NANOSECONDS);
            if (item == null || item == END) {
                if (item == END) {
                    received.add(END);
                }
                return null;
            }
            Event event = (Event) item;
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every turn event received within {@code quiet} of the previous one (the first within {@code first}). */
    List<Event> turns(Duration first, Duration quiet) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        Event e = next(SseStream::isTurn, first);
        while (e != null) {
            out.add(e);
            e = next(SseStream::isTurn, quiet);
        }
        return out;
    }

    /** Whether the server ended the stream (the reader saw the end of the body). */
    boolean ended(Duration within) throws InterruptedException {
        reader.join(within.toMillis());
        return !reader.isAlive();
    }

    static boolean isTurn(Event e) {
        return "turn".equals(e.name());
    }

    private static final Object END = new Object();

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments++;
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        } finally {
            received.add(END);
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
