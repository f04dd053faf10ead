package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.kafka.Topics;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the integration tests do again and again: make tenants and keys, build events, read the topics. */
final class Gateway {

    private Gateway() {
    }

    /** A new tenant with a unique id, so each test reads only its own records. */
    static String newTenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "Tenant " + tenant))
                .when().post("/admin/tenants")
                .then().statusCode(201);
        return tenant;
    }

    /** A new ingest key of {@code tenant}, optionally bound to a project (null for none). */
    static String newKey(String tenant, String project) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("tenant_id", tenant, "name", "test key"));
        if (project != null) {
            body.put("project", project);
        }
        return given().auth().oauth2(GatewayTestResource.ADMIN_SECRET).contentType(ContentType.JSON).body(body)
                .when().post("/admin/keys")
                .then().statusCode(201)
                .extract().path("key");
    }

    static String newKey(String tenant) {
        return newKey(tenant, null);
    }

    /** A valid turn event with every kind of field, some of them spelled the way agents spell them. */
    static ObjectNode event(String eventId, String sessionId) {
        ObjectNode event = Json.mapper().createObjectNode();
        Instant end = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        event.put("event_id", eventId);
        event.put("occurred_at", end.toString());
        event.put("session_id", sessionId);
        event.put("model", "claude-sonnet-4-5");
        event.put("provider", "anthropic");
        event.put("agent", "planner");
        event.put("started_at", end.minusMillis(1500).toString());
        event.put("duration_ms", 1500);
        ObjectNode usage = event.putObject("usage");
        usage.put("input_tokens", 1200);
        usage.put("output_tokens", 300);
        usage.put("cache_read_tokens", 1000);
        event.put("reported_cost_usd", new java.math.BigDecimal("0.004210"));
        event.putObject("labels").put("team", "search");
        return event;
    }

    static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ndjson(List<? extends JsonNode> events) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode event : events) {
            lines.append(event.toString()).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every raw turn record of {@code tenant}, waiting until at least {@code expected} are there. */
    static List<ConsumerRecord<String, byte[]>> turnsOf(String tenant, int expected) {
        return read(Topics.RAW_TURNS.name(), tenant, expected);
    }

    static List<ConsumerRecord<String, byte[]>> activityOf(String tenant, int expected) {
        return read(Topics.AGENT_ACTIVITY.name(), tenant, expected);
    }

    static List<ConsumerRecord<String, byte[]>> recordingsOf(String tenant, int expected) {
        return read(Topics.RECORDINGS.name(), tenant, expected);
    }

    /**
     * Reads {@code topic} from the beginning and keeps the records keyed {@code tenant:...}: until {@code expected}
     * arrived (or 20 s passed), then a little longer so that an unexpected extra record would show too.
     */
    static List<ConsumerRecord<String, byte[]>> read(String topic, String tenant, int expected) {
        Map<String, Object> config = GatewayTestResource.kafka().clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(tenant + ":")) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofMillis(400).toNanos();
                }
            }
            return found;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The sum of the gateway's Prometheus samples of {@code name} whose labels include every one of {@code labels}
     * (each {@code key="value"}), from {@code /q/metrics}; 0 when there is none.
     */
    static double counted(String name, String... labels) {
        String page = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return page.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> {
                    String labelText = line.substring(name.length(), line.lastIndexOf('}') + 1);
                    return java.util.Arrays.stream(labels).allMatch(labelText::contains);
                })
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
