package io.agentmeter.localstack.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends seeded hostile requests ({@link HostileInput}) to every given endpoint of a running service and fails on the
 * first answer that breaks the input rules: a 5xx, no answer within the bound (a hang), or an application error
 * that does not say what was wrong. Case {@code i} of seed {@code s} is generated from {@code (s, i)} alone, so the
 * failure message names both and the case can be replayed on its own ({@code -Dfuzz.seed=s -Dfuzz.case=i}).
 *
 * <p>Test support for the services' fuzz tests (issue 18); it lives here because both services' tests already depend
 * on this module, so the generator exists once.
 */
public final class HttpFuzzer {

    /**
     * One endpoint: method, path with {@code {name}} segments, the query parameters it reads, the JSON fields of its
     * body (null for none), and whether it answers errors in OTLP's format rather than the API's.
     */
    public record Endpoint(String method, String path, List<String> query, List<String> bodyFields, boolean otlp) {

        public static Endpoint get(String path, String... query) {
            return new Endpoint("GET", path, List.of(query), null, false);
        }

        public static Endpoint post(String path, String... fields) {
            return new Endpoint("POST", path, List.of(), List.of(fields), false);
        }

        public static Endpoint delete(String path) {
            return new Endpoint("DELETE", path, List.of(), null, false);
        }
    }

    /** How the answers were spread, for the test's log. */
    public record Report(long seed, int cases, Map<Integer, Integer> statuses, int closedWithoutAnswer,
                         long millis) {

        @Override
        public String toString() {
            return cases + " hostile requests (seed " + seed + ") in " + millis + " ms; statuses " + statuses
                    + (closedWithoutAnswer > 0 ? "; closed by the HTTP layer without an answer: " + closedWithoutAnswer
                    : "");
        }
    }

    private static final Pattern SEGMENT = Pattern.compile("\\{([a-z_]+)}");
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final List<String> WRONG_METHODS = List.of("PUT", "PATCH", "DELETE", "POST", "GET", "HEAD");

    private final String host;
    private final int port;
    private final List<Endpoint> endpoints;
    private final List<String> authorizations;

    /**
     * @param authorizations whole {@code Authorization} values to choose from (valid keys among them, so requests get
     *                       past authentication); a null entry sends none
     */
    public HttpFuzzer(String host, int port, List<Endpoint> endpoints, List<String> authorizations) {
        this.host = host;
        this.port = port;
        this.endpoints = List.copyOf(endpoints);
        this.authorizations = new ArrayList<>(authorizations);
    }

    /** The seed from {@code -Dfuzz.seed}, else a new one; printed either way so a failing run can be repeated. */
    public static long seed() {
        String given = System.getProperty("fuzz.seed");
        long seed = given != null && !given.isBlank() ? Long.parseLong(given.strip()) : System.nanoTime();
        System.out.println("fuzz seed " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        return seed;
    }

    /** {@code -Dfuzz.cases} if set, else {@code defaultCases}. */
    public static int cases(int defaultCases) {
        String given = System.getProperty("fuzz.cases");
        return given != null && !given.isBlank() ? Integer.parseInt(given.strip()) : defaultCases;
    }

    /**
     * Runs {@code cases} cases of {@code seed} (only the case {@code -Dfuzz.case} when set).
     *
     * @throws AssertionError on the first answer that breaks the rules, naming the seed, the case and the request
     */
    public Report run(long seed, int cases) {
        String only = System.getProperty("fuzz.case");
        int from = only != null && !only.isBlank() ? Integer.parseInt(only.strip()) : 0;
        int to = only != null && !only.isBlank() ? from + 1 : cases;
        Map<Integer, Integer> statuses = new TreeMap<>();
        int closed = 0;
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            Request request = request(new HostileInput(seed * 1_000_003L + i));
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(host, port, request.head, request.body, request.method.equals("HEAD"), BOUND);
            } catch (RawHttp.NoAnswer e) {
                throw failure(seed, i, request, e.getMessage());
            } catch (IOException e) {
                throw failure(seed, i, request, "connection failed: " + e);
            }
            if (answer.status() == 0) {
                closed++;
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            String problem = request.method.equals("HEAD") ? null : problem(request.endpoint, answer);
            if (problem != null) {
                throw failure(seed, i, request, problem + "; answered " + answer.status() + " " + answer.headers()
                        + " " + cut(answer.bodyText()));
            }
        }
        return new Report(seed, to - from, statuses, closed, (System.nanoTime() - start) / 1_000_000);
    }

    /** Why {@code answer} breaks the rules, or null. */
    private static String problem(Endpoint endpoint, RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "a 5xx for bad input";
        }
        if (status < 400) {
            return null;
        }
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            // Refused by the HTTP layer before the application (request line or headers too large, malformed
            // HTTP); the status says what was wrong. Anything else must be the application's JSON error.
            boolean corsRefusal = status == 403 && answer.header("access-control-allow-methods") != null
                    && answer.body().length == 0; // an Origin not allowed, refused by the framework's CORS filter
            return List.of(400, 413, 414, 431).contains(status) || corsRefusal ? null
                    : endpoint.otlp() && type != null && type.startsWith("application/x-protobuf") ? null
                    : "an error that is not JSON (" + type + ")";
        }
        String body = answer.bodyText();
        if (!body.matches("(?s).*\"message\"\\s*:\\s*\"[^\"].*")) {
            return "an error without a message";
        }
        if (!endpoint.otlp() && !body.matches("(?s).*\"error\"\\s*:\\s*\"[a-z_]+\".*")) {
            return "an error without a code";
        }
        if (status == 400 && !endpoint.otlp() && !body.contains("\"errors\":[{") && !body.contains("\"rejected_items\":[{")) {
            return "a 400 that names no field or parameter";
        }
        return null;
    }

    private record Request(Endpoint endpoint, String method, String summary, byte[] head, byte[] body) {
    }

    private Request request(HostileInput input) {
        Endpoint endpoint = input.pick(endpoints);
        String method = input.chance(0.04) ? input.pick(WRONG_METHODS) : endpoint.method();
        StringBuilder target = new StringBuilder();
        Matcher segments = SEGMENT.matcher(endpoint.path());
        while (segments.find()) {
            segments.appendReplacement(target, Matcher.quoteReplacement(input.chance(0.7) ? input.urlValue() : "x1"));
        }
        segments.appendTail(target);
        List<String> query = new ArrayList<>();
        for (String name : endpoint.query()) {
            if (input.chance(0.3)) {
                query.add(name + "=" + input.urlValue());
                if (input.chance(0.15)) {
                    query.add(name + "=" + input.urlValue());
                }
            }
        }
        if (input.chance(0.1)) {
            query.add(input.urlValue() + "=" + input.urlValue());
        }
        if (!query.isEmpty()) {
            target.append('?').append(String.join("&", query));
        }

        List<String> headers = new ArrayList<>();
        headers.add("Host: " + host + ":" + port);
        headers.add("Connection: close");
        String authorization = input.chance(0.08) ? "Bearer " + input.headerValue() : input.pick(authorizations);
        if (authorization != null) {
            headers.add("Authorization: " + authorization);
        }
        if (input.chance(0.2)) {
            headers.add("Accept: " + input.accept());
        }
        if (input.chance(0.1)) {
            headers.add("Last-Event-ID: " + input.headerValue());
        }
        if (input.chance(0.05)) {
            headers.add(input.pick(List.of("X-Forwarded-For", "Origin", "Cookie", "Range", "If-None-Match"))
                    + ": " + input.headerValue());
        }
        byte[] body = new byte[0];
        if (endpoint.bodyFields() != null || input.chance(0.03)) {
            body = input.body(endpoint.bodyFields() != null ? endpoint.bodyFields() : List.of("x"));
            String type = input.contentType();
            if (!type.isEmpty()) {
                headers.add("Content-Type: " + type);
            }
            String encoding = input.contentEncoding();
            if (!encoding.isEmpty()) {
                headers.add("Content-Encoding: " + encoding);
                if (encoding.equals("gzip")) {
                    body = input.gzip(body);
                }
            }
        }
        if (body.length > 0 || method.equals("POST")) {
            headers.add("Content-Length: " + body.length);
        }
        String head = method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
        String summary = method + " " + cut(target.toString()) + " " + cut(headers.toString()) + " body "
                + cut(new String(body, StandardCharsets.UTF_8));
        return new Request(endpoint, method, summary, head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static AssertionError failure(long seed, int i, Request request, String problem) {
        return new AssertionError("fuzz seed " + seed + " case " + i + " (replay: -Dfuzz.seed=" + seed
                + " -Dfuzz.case=" + i + "): " + problem + "\n  request: " + request.summary);
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }
}
