package io.agentmeter.query.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the other parts' readiness answers: the gateway's SmallRye Health JSON ({@code checks} named {@code kafka}
 * and {@code postgresql}, see docs/ingest.md, Operations), the aggregator's ({@code streams}, see docs/aggregator.md)
 * and the writer's ({@code sink}, {@code sink_error}, see docs/writer.md). 200 is up and 503 down, as both define them; any other status is
 * not a readiness answer, so the part's state is unknown.
 */
final class ReadinessAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadinessAnswers() {
    }

    /** The gateway's verdict and, from its {@code kafka} check, Kafka's. */
    static Map<Part, Verdict> gateway(String url, int status, String body) {
        JsonNode answer = parse(body);
        Verdict kafka = kafka(answer);
        if (status == 200) {
            return Map.of(Part.GATEWAY, Verdict.up("ready: " + checks(answer)), Part.KAFKA, kafka);
        }
        if (status == 503) {
            return Map.of(Part.GATEWAY, Verdict.down("not ready: " + checks(answer)), Part.KAFKA, kafka);
        }
        return Map.of(Part.GATEWAY, notReadiness(url, status),
                Part.KAFKA, Verdict.unknown("seen through the gateway's readiness, which did not answer it"));
    }

    /** The gateway could not be asked: it is down, and Kafka's state is not known here. */
    static Map<Part, Verdict> gatewaySilent(String url, String why) {
        return Map.of(Part.GATEWAY, Verdict.down("no answer from GET " + url + ": " + why),
                Part.KAFKA, Verdict.unknown("seen through the gateway's readiness, and the gateway did not answer"));
    }

    /** The aggregator's or the writer's answer: {@code streams}, {@code sink} and {@code sink_error} when present. */
    static Verdict plainService(String url, int status, String body) {
        if (status != 200 && status != 503) {
            return notReadiness(url, status);
        }
        JsonNode answer = parse(body);
        List<String> parts = new ArrayList<>();
        if (answer.hasNonNull("streams")) {
            parts.add("streams " + answer.get("streams").asText());
        }
        if (answer.hasNonNull("sink")) {
            parts.add("sink " + answer.get("sink").asText()
                    + (answer.hasNonNull("sink_error") ? " (" + answer.get("sink_error").asText() + ")" : ""));
        }
        String said = parts.isEmpty() ? "HTTP " + status : String.join(", ", parts);
        return status == 200 ? Verdict.up("ready: " + said) : Verdict.down("not ready: " + said);
    }

    private static Verdict kafka(JsonNode answer) {
        for (JsonNode check : answer.path("checks")) {
            if (!"kafka".equals(check.path("name").asText())) {
                continue;
            }
            JsonNode data = check.path("data");
            if ("UP".equals(check.path("status").asText())) {
                return Verdict.up(data.has("brokers") ? "the gateway reaches " + data.get("brokers").asText()
                        + " broker(s)" : "the gateway's kafka check is UP");
            }
            return Verdict.down(data.hasNonNull("error") ? "the gateway says: " + data.get("error").asText()
                    : "the gateway's kafka check is " + check.path("status").asText("DOWN"));
        }
        return Verdict.unknown("the gateway's readiness has no kafka check");
    }

    /** "kafka DOWN (no broker answered ...), postgresql UP" */
    private static String checks(JsonNode answer) {
        List<String> said = new ArrayList<>();
        for (JsonNode check : answer.path("checks")) {
            String error = check.path("data").path("error").asText("");
            said.add(check.path("name").asText("?") + " " + check.path("status").asText("?")
                    + (error.isEmpty() ? "" : " (" + error + ")"));
        }
        return said.isEmpty() ? "no checks listed" : String.join(", ", said);
    }

    private static Verdict notReadiness(String url, int status) {
        return Verdict.unknown("GET " + url + " answered HTTP " + status + ", not a readiness answer: is the URL"
                + " right?");
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
