package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.Usage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The query API of a running system as the whole-system tests read it back: with its query key, turn by turn. */
final class QueryApi {

    /** A moment more after the turns expected arrived: a turn counted twice would arrive about then. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final HttpClient http = E2eSystem.http();
    private final RunningSystem system;

    QueryApi(RunningSystem system) {
        this.system = system;
    }

    /** The turns {@code GET /v1/export/turns} (NDJSON) gives from {@code from} to an hour from now. */
    List<JsonNode> turns(Instant from) throws IOException, InterruptedException {
        return turns(from, "");
    }

    /** As {@link #turns(Instant)}, of the turns {@code filters} ({@code "&agent=codex"}, or "") select. */
    List<JsonNode> turns(Instant from, String filters) throws IOException, InterruptedException {
        String body = get("/v1/export/turns?format=ndjson&" + range(from) + filters);
        List<JsonNode> turns = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode turn = Json.mapper().readTree(line);
                assertThat(turn.has("error")).as("export line %s", line).isFalse();
                turns.add(turn);
            }
        }
        return turns;
    }

    /** {@link #turns} once there are {@code expected} of them and a moment more, or as they are at the deadline. */
    List<JsonNode> awaitTurns(Instant from, int expected, Duration deadline) throws IOException, InterruptedException {
        return awaitTurns(from, "", expected, deadline);
    }

    /** As {@link #awaitTurns(Instant, int, Duration)}, of the turns {@code filters} select. */
    List<JsonNode> awaitTurns(Instant from, String filters, int expected, Duration deadline)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<JsonNode> turns = turns(from, filters);
        while (turns.size() < expected && System.nanoTime() < end) {
            Thread.sleep(500);
            turns = turns(from, filters);
        }
        if (turns.size() >= expected) {
            Thread.sleep(SETTLE.toMillis());
            turns = turns(from, filters);
        }
        return turns;
    }

    /** {@code GET /v1/summary} from {@code from} to an hour from now, of the turns {@code filters} select. */
    JsonNode summary(Instant from, String filters) throws IOException, InterruptedException {
        return Json.mapper().readTree(get("/v1/summary?" + range(from) + filters));
    }

    /** The usage of an exported turn; a count it has not is null. */
    static Usage usageOf(JsonNode turn) {
        return new Usage(count(turn, "input_tokens"), count(turn, "output_tokens"), count(turn, "cache_read_tokens"),
                count(turn, "cache_write_tokens"), count(turn, "cache_write_1h_tokens"),
                count(turn, "reasoning_tokens"), count(turn, "total_tokens"));
    }

    private static Long count(JsonNode turn, String field) {
        JsonNode value = turn.path(field);
        return value.isNumber() ? value.asLong() : null;
    }

    private static String range(Instant from) {
        return "from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8);
    }

    private String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.queryApi() + pathAndQuery))
                .header("Authorization", "Bearer " + system.credentials().queryKey()).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return response.body();
    }
}
