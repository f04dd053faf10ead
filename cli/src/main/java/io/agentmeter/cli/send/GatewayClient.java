package io.agentmeter.cli.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventWriter;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ingest gateway's API as the command line uses it: {@code POST /v1/turns} (NDJSON) and
 * {@code POST /v1/recordings}, {@code POST /v1/recordings/{id}/stop}, each with the ingest key as a Bearer token.
 *
 * <p>Any non-2xx answer may be retried safely (events are deduplicated downstream by event_id): 429 and 503 are
 * retried after their Retry-After, network errors and other 5xx with exponential backoff, both bounded by the
 * {@link RetryPolicy}. A 413 splits the batch in halves. 401, 403, 415 and other 4xx are not retried.
 */
public final class GatewayClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final String key;
    private final RetryPolicy retry;
    private final HttpClient http;

    public GatewayClient(URI base, String key, RetryPolicy retry) {
        this(base, key, retry, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
    }

    public GatewayClient(URI base, String key, RetryPolicy retry, HttpClient http) {
        this.base = normalise(Objects.requireNonNull(base, "base"));
        this.key = Objects.requireNonNull(key, "key");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The gateway's base URL, e.g. {@code http://localhost:8080/}. */
    public URI base() {
        return base;
    }

    private static URI normalise(URI uri) {
        String text = uri.toString();
        for (String suffix : new String[] {"/v1/turns", "/v1/turns/", "/v1", "/v1/"}) {
            if (text.endsWith(suffix)) {
                text = text.substring(0, text.length() - suffix.length());
            }
        }
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** Sends turn events as one NDJSON request (split on 413). */
    public SendResult postTurns(List<TurnEvent> events) throws SendException {
        return postNdjson("v1/turns", events.stream().map(TurnEventWriter::toBytes).toList(),
                events.stream().map(TurnEvent::eventId).toList());
    }

    /** Sends activity events to {@code POST /v1/activity} as one NDJSON request (split on 413). */
    public SendResult postActivity(List<ActivityEvent> events) throws SendException {
        return postNdjson("v1/activity", events.stream().map(ActivityEventWriter::toBytes).toList(),
                events.stream().map(ActivityEvent::eventId).toList());
    }

    private SendResult postNdjson(String path, List<byte[]> lines, List<String> ids) throws SendException {
        if (lines.isEmpty()) {
            return SendResult.allAccepted(0);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            body.writeBytes(line);
            body.write('\n');
        }
        Answer answer = exchange("POST", path, "application/x-ndjson", body.toByteArray());
        if (answer.status == 413) {
            if (lines.size() == 1) {
                return new SendResult(0, List.of(new SendResult.Rejection(0, ids.get(0),
                        "too large for the gateway (413): " + answer.message())));
            }
            int half = lines.size() / 2;
            SendResult first = postNdjson(path, lines.subList(0, half), ids.subList(0, half));
            return first.plus(postNdjson(path, lines.subList(half, lines.size()), ids.subList(half, ids.size())),
                    half);
        }
        if (answer.status == 200 || answer.status == 201 || answer.status == 202) {
            JsonNode json = answer.json();
            int accepted = json != null && json.has("accepted") ? json.get("accepted").asInt() : lines.size();
            return new SendResult(accepted, rejections(json));
        }
        JsonNode json = answer.json();
        if (answer.status == 400 && json != null && json.has("rejected_items")) {
            return new SendResult(json.path("accepted").asInt(0), rejections(json));
        }
        throw refused(answer);
    }

    /**
     * Starts a recording for {@code userId}; {@code recordingId} (may be null) makes a retried start harmless.
     *
     * @return the answer's {@code recording} object
     */
    public JsonNode startRecording(String name, String userId, ObjectNode config, String recordingId)
            throws SendException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("name", name);
        body.put("user_id", userId);
        if (config != null) {
            body.set("config", config);
        }
        if (recordingId != null) {
            body.put("recording_id", recordingId);
        }
        Answer answer = exchange("POST", "v1/recordings", "application/json", bytes(body));
        if (answer.status == 200 || answer.status == 201) {
            JsonNode json = answer.json();
            return json == null ? null : json.get("recording");
        }
        throw refused(answer);
    }

    /** Stops a recording; returns the stopped recording. */
    public JsonNode stopRecording(String recordingId) throws SendException {
        String path = "v1/recordings/" + URLEncoder.encode(recordingId, StandardCharsets.UTF_8) + "/stop";
        Answer answer = exchange("POST", path, "application/json", new byte[0]);
        if (answer.status == 200) {
            return answer.json();
        }
        throw refused(answer);
    }

    private static List<SendResult.Rejection> rejections(JsonNode json) {
        List<SendResult.Rejection> rejections = new ArrayList<>();
        if (json == null || !json.path("rejected_items").isArray()) {
            return rejections;
        }
        for (JsonNode item : json.get("rejected_items")) {
            List<String> errors = new ArrayList<>();
            for (JsonNode error : item.path("errors")) {
                errors.add(error.path("path").asText("$") + ": " + error.path("reason").asText(""));
            }
            rejections.add(new SendResult.Rejection(item.path("index").asInt(-1),
                    item.hasNonNull("event_id") ? item.get("event_id").asText() : null, String.join("; ", errors)));
        }
        return rejections;
    }

    private SendException refused(Answer answer) {
        String what = switch (answer.status) {
            case 401 -> "the gateway did not accept the ingest key (401); check --key / AGENTMETER_INGEST_KEY";
            case 403 -> "the key is not an ingest key (403)";
            default -> "the gateway answered " + answer.status;
        };
        return new SendException(what + ": " + answer.message(), false);
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request, retried while the answer says retrying may help. */
    private Answer exchange(String method, String path, String contentType, byte[] body) throws SendException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String last = "";
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                Answer answer = new Answer(response.statusCode(), response.body());
                if (answer.status == 429 || answer.status == 503) {
                    wait = retry.bounded(retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
                } else if (answer.status >= 500) {
                    wait = retry.backoff(attempt);
                } else {
                    return answer;
                }
                last = "the gateway answered " + answer.status + ": " + answer.message();
            } catch (IOException e) {
                wait = retry.backoff(attempt);
                last = "cannot reach the gateway at " + base + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendException("interrupted while sending to " + base, true, e);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new SendException(last + " (gave up after " + attempt + " attempts)", true);
            }
            try {
                retry.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SendException("interrupted while waiting to retry: " + last, true, e);
            }
        }
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration left = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    /** An HTTP answer. */
    private record Answer(int status, byte[] body) {

        JsonNode json() {
            if (body == null || body.length == 0) {
                return null;
            }
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** The answer's message, or its body cut short. */
        String message() {
            JsonNode json = json();
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
            return text.length() <= 300 ? text : text.substring(0, 297) + "...";
        }
    }
}
