package io.agentmeter.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalStack;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventWriter;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import io.agentmeter.schema.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The writer's activity sink on a real broker and PostgreSQL, through {@link Writer} as it runs in production:
 * activity events on {@code agent-activity} (as the gateway publishes them, and as a direct Kafka producer might:
 * without a tenant, with a wrong one, not JSON) become one {@code activity} row per event id, in their month's
 * partition whatever their age, the payload dropped for a tenant that keeps none; the bad records are counted and
 * skipped, never stored; the same records read again by a writer that lost its offsets change nothing; and the
 * activity is never spend (no turn, no rollup).
 */
class ActivityWriterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = WriterStack.start();
        try (Connection c = stack.postgres().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenants (tenant_id, name) VALUES ('acme', 'Acme'), ('private', 'Private')");
            s.execute("UPDATE tenants SET keep_activity_payloads = false WHERE tenant_id = 'private'");
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldStoreEachEventOnceInItsMonthDropPayloadsByTenantAndSkipBadRecords() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ActivityEvent tool = event("acme", "a-1", now.minusSeconds(30), ActivityKind.TOOL_CALL, "Bash",
                ActivityStatus.OK, "ls -la");
        ActivityEvent error = event("acme", "a-2", now.minusSeconds(20), ActivityKind.ERROR, "rate_limit",
                ActivityStatus.ERROR, null);
        ActivityEvent old = event("acme", "a-3", Instant.parse("2019-03-04T05:06:07Z"), ActivityKind.USER_PROMPT,
                null, null, "what did I ask in 2019?");
        ActivityEvent secret = event("private", "p-1", now.minusSeconds(10), ActivityKind.USER_PROMPT, null, null,
                "a prompt this tenant keeps to itself");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, key(tool), ActivityEventWriter.toBytes(tool));
            send(producer, key(error), ActivityEventWriter.toBytes(error));
            send(producer, key(tool), ActivityEventWriter.toBytes(tool.withPayload("a later copy")));
            send(producer, key(old), ActivityEventWriter.toBytes(old));
            send(producer, key(secret), ActivityEventWriter.toBytes(secret));
            // A direct producer that leaves the tenant to its key.
            ActivityEvent keyed = event(null, "k-1", now.minusSeconds(5), ActivityKind.REPLY, null, null, "hi");
            send(producer, "acme:s-1", ActivityEventWriter.toBytes(keyed));
            // Refused: another tenant than the key names, and not JSON.
            send(producer, "private:s-1", ActivityEventWriter.toBytes(event("acme", "x-1", now, ActivityKind.SYSTEM,
                    null, null, null)));
            send(producer, "acme:s-1", "{not json".getBytes(StandardCharsets.UTF_8));
        }

        List<String> expected = List.of("acme|a-1|tool_call|Bash|ok|ls -la", "acme|a-2|error|rate_limit|error|null",
                "acme|a-3|user_prompt|null|null|what did I ask in 2019?", "acme|k-1|reply|null|null|hi",
                "private|p-1|user_prompt|null|null|null");
        try (Writer writer = Writer.start(WriterConfig.from(environment("activity-it")))) {
            await(() -> rows().size() == expected.size() && unreadable(writer) == 2);
            assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(unreadable(writer)).as("the wrong tenant and the non-JSON record, skipped").isEqualTo(2);
        }
        assertThat(partitionOf("a-3")).as("a 2019 event in its own month").isEqualTo("activity_2019_03");
        assertThat(count("SELECT count(*) FROM activity_default")).isZero();

        // Offsets lost (a new group): every record read again, nothing changes.
        try (Writer again = Writer.start(WriterConfig.from(environment("activity-it-replay")))) {
            await(() -> written(again) >= 6 && unreadable(again) == 2); // the six valid records, the two bad
            assertThat(rows()).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(count("SELECT count(*) FROM turns")).as("activity is never spend").isZero();
        assertThat(count("SELECT count(*) FROM session_rollups")).isZero();
    }

    private static Map<String, String> environment(String group) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMETER_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("AGENTMETER_DB_URL", stack.postgres().jdbcUrl());
        env.put("AGENTMETER_DB_USER", stack.postgres().username());
        env.put("AGENTMETER_DB_PASSWORD", stack.postgres().password());
        env.put("AGENTMETER_TOPIC_PARTITIONS", "1");
        env.put("AGENTMETER_SINK_GROUP_ID", group + "-turns");
        env.put("AGENTMETER_ACTIVITY_GROUP_ID", group);
        env.put("AGENTMETER_SINK_MAX_WAIT", "100ms");
        env.put("AGENTMETER_SINK_MAX_BACKOFF", "1s");
        env.put("AGENTMETER_HTTP_PORT", "0");
        return env;
    }

    private static ActivityEvent event(String tenant, String id, Instant at, ActivityKind kind, String name,
                                       ActivityStatus status, String payload) {
        ActivityEvent event = ActivityEvent.builder().eventId(id).occurredAt(at).sessionId("s-1").kind(kind)
                .name(name).status(status).agent("claude-code").source("claude_code").payload(payload).build();
        return tenant == null ? event : event.withTenant(tenant);
    }

    private static String key(ActivityEvent event) {
        return Keys.session(event.tenantId(), event.sessionId());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.AGENT_ACTIVITY.name(), key, value)).get();
    }

    private static List<String> rows() {
        List<String> rows = new ArrayList<>();
        try (Connection c = stack.postgres().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tenant_id, event_id, kind, name, status, payload FROM activity")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|"
                        + r.getString(5) + "|" + r.getString(6));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static String partitionOf(String eventId) throws Exception {
        try (Connection c = stack.postgres().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tableoid::regclass::text FROM activity WHERE event_id = '"
                     + eventId + "'")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = stack.postgres().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double unreadable(Writer writer) {
        return metric(writer, "agentmeter_sink_unreadable");
    }

    private static double written(Writer writer) {
        return metric(writer, "agentmeter_sink_turns");
    }

    private static double metric(Writer writer, String name) {
        var counter = writer.registry().find(name).tag("sink", "activity").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; rows " + rows());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
