package io.agentmeter.localstack.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded generator of what a hostile or broken client sends: NUL, lone surrogates, invalid UTF-8, bad percent
 * escapes, huge and non-finite numbers, deep nesting, wrong JSON types, truncated and compressed garbage, oversized
 * values. The same seed gives the same inputs, so a failure is reproducible from its seed.
 */
final class HostileInput {

    /** Query and path values, already percent-encoded (or deliberately not) as they go on the request line. */
    private static final List<String> URL_VALUES = List.of(
            "%00", "a%00b", "%00%00", "%ED%A0%80", "x%ED%B0%80", "%F0%9F%98%80", "%FF%FE", "%C3", "%", "%zz", "%%",
            "%2", "99999999999999999999999999999", "-99999999999999999999", "1e309", "-1", "0", "-0", "NaN",
            "Infinity", "0x10", "1.5", "", "+", "%20", "[]", "%7B%7D", "null", "true", "2026-02-30T00:00:00Z",
            "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-03-01T00:00:00%2B25:00", "2026-03-28T10:00:00",
            "1970-01-01T00:00:00Z", ":", "k:", ":v", "a:b:c", "eyJ4Ijox", "WyJ4Il0", "%0A", "%0D%0AX-Injected:%201",
            "%27%3B%20DROP%20TABLE%20turns%3B--", "..%2F..%2Fetc%2Fpasswd", "gpt-4o", "acme-s1", "cost", "hour",
            "model", "day", "desc", "prompt_text", "params", "Europe/Berlin", "Mars/Olympus", "%E2%80%AE", "%C0%80",
            "%F4%90%80%80", "caf%C3%A9", "\u00e9", "\u00ff%00");

    private static final List<String> JSON_LEAVES = List.of(
            "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\"", "\"   \"",
            "1e400", "-1e400", "1" + "0".repeat(400), "-1", "0", "0.5", "12.0", "9223372036854775808",
            "-9223372036854775809", "1e-400", "true", "false", "null", "[]", "{}", "\"2026-02-30T00:00:00Z\"",
            "\"2000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"gpt-4o\"", "\"ok\"", "\"error\"",
            "\"x\"", "\"\\\\\"", "\"\\\"\"", "\"" + "y".repeat(300) + "\"", "\"" + "z".repeat(70_000) + "\"");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json", "application/json", "application/json; charset=utf-8",
            "application/x-ndjson", "application/x-protobuf", "text/plain", "application/xml", "multipart/form-data",
            "application/json; charset=latin1", "garbage", "*/*", "", "application/\u0000json");

    private static final List<String> ENCODINGS = List.of("", "", "", "", "gzip", "identity", "br", "deflate",
            "gzip, gzip", "x\u0000");

    private static final List<String> ACCEPTS = List.of("", "", "application/json", "text/csv",
            "application/x-ndjson", "text/event-stream", "application/xml", "*/*", "garbage/\u00ff");

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A query or path value as it goes on the request line. */
    String urlValue() {
        return switch (random.nextInt(10)) {
            case 0 -> "a".repeat(1 + random.nextInt(6000)); // beyond the request-line limit at times
            case 1 -> randomBytesEncoded(1 + random.nextInt(12));
            default -> pick(URL_VALUES);
        };
    }

    /** A header value as raw bytes (ISO-8859-1), control characters and all. */
    String headerValue() {
        return switch (random.nextInt(8)) {
            case 0 -> "x".repeat(1 + random.nextInt(20_000));
            case 1 -> "a\u0000b";
            case 2 -> "\u00ff\u00fe";
            default -> URL_VALUES.get(random.nextInt(URL_VALUES.size()));
        };
    }

    String contentType() {
        return pick(CONTENT_TYPES);
    }

    String contentEncoding() {
        return pick(ENCODINGS);
    }

    String accept() {
        return pick(ACCEPTS);
    }

    /** A body for an endpoint whose JSON fields are {@code fields}: mostly an object of them with hostile values. */
    byte[] body(List<String> fields) {
        return switch (random.nextInt(14)) {
            case 0 -> new byte[0];
            case 1 -> deep(1 + random.nextInt(100_000)).getBytes(StandardCharsets.UTF_8);
            case 2 -> truncated(object(fields, 2));
            case 3 -> invalidUtf8(object(fields, 2));
            case 4 -> ("[" + object(fields, 2) + "," + value(2) + "]").getBytes(StandardCharsets.UTF_8);
            case 5 -> (object(fields, 2) + "\n" + value(1) + "\n" + object(fields, 2)).getBytes(StandardCharsets.UTF_8);
            case 6 -> randomBytes(random.nextInt(200));
            case 7 -> (object(fields, 2) + " trailing").getBytes(StandardCharsets.UTF_8);
            case 8 -> ("{\"" + pick(fields) + "\":1,\"" + pick(fields) + "\":2}").getBytes(StandardCharsets.UTF_8);
            default -> object(fields, 3).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** {@code body} gzipped, or gzip-looking garbage. */
    byte[] gzip(byte[] body) {
        if (chance(0.3)) {
            byte[] garbage = randomBytes(20);
            garbage[0] = 0x1f;
            garbage[1] = (byte) 0x8b;
            return garbage;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private String object(List<String> fields, int depth) {
        StringBuilder out = new StringBuilder("{");
        int n = random.nextInt(fields.size() + 2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = chance(0.85) ? pick(fields) : pick(List.of("\\u0000", "\\ud800", "unknown", ""));
            out.append('"').append(name).append("\":").append(value(depth - 1));
        }
        return out.append('}').toString();
    }

    private String value(int depth) {
        if (depth <= 0 || chance(0.6)) {
            return pick(JSON_LEAVES);
        }
        if (chance(0.5)) {
            return object(List.of("input_tokens", "output_tokens", "temperature", "name", "k", "\\u0000"), depth);
        }
        StringBuilder out = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? "," : "").append(value(depth - 1));
        }
        return out.append(']').toString();
    }

    private String deep(int levels) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(levels) + "1" + (random.nextBoolean() ? close.repeat(levels) : "");
    }

    private byte[] truncated(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
    }

    private byte[] invalidUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 2) {
            bytes[1 + random.nextInt(bytes.length - 2)] = (byte) (int) pick(List.of(0xC0, 0xFF, 0xED, 0x80, 0xF8));
        }
        return bytes;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomBytesEncoded(int n) {
        StringBuilder out = new StringBuilder();
        for (byte b : randomBytes(n)) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }
}
