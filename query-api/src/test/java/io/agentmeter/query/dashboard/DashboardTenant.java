package io.agentmeter.query.dashboard;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.aggregator.AggregatorTopology;
import io.agentmeter.aggregator.TopologySettings;
import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.aggregator.sink.jdbc.JdbcStorage;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A tenant of the dashboard tests' own, so what they write (a recording, a live turn) never changes the data the
 * other integration tests count: its keys, a session whose context window fills up past 80, 90 and 95%, and on
 * demand a turn "now" for the live view. Turns go through the aggregator's own topology (in a TopologyTestDriver,
 * on the real clock) and its PostgreSQL sink, as in production.
 */
final class DashboardTenant {

    static final String TENANT = "dashboard";
    static final String CONTEXT_SESSION = "ctx-session";
    static final String LIVE_SESSION = "live-session";
    /** Used / max context tokens of the context session's turns: 50%, 82%, 91%, 96%, 70%. */
    static final long[] CONTEXT_USED = {100_000, 164_000, 182_000, 192_000, 140_000};
    static final long CONTEXT_MAX = 200_000;

    final String developerKey = ApiKeys.newKey("query");
    final String viewerKey = ApiKeys.newKey("query");
    final String ingestKey = ApiKeys.newKey("ingest");
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private DashboardTenant(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    static DashboardTenant seed(String jdbcUrl, String user, String password) throws Exception {
        DashboardTenant tenant = new DashboardTenant(jdbcUrl, user, password);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tenants (tenant_id, name) VALUES (?, ?)"
                    + " ON CONFLICT DO NOTHING")) {
                s.setString(1, TENANT);
                s.setString(2, "Dashboard tests");
                s.executeUpdate();
            }
            key(c, "query", "developer", tenant.developerKey);
            key(c, "query", "viewer", tenant.viewerKey);
            key(c, "ingest", null, tenant.ingestKey);
        }
        // Three days ago, in other rollup windows than today's live turn.
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<TurnEvent> turns = new ArrayList<>();
        for (int i = 0; i < CONTEXT_USED.length; i++) {
            turns.add(turn(CONTEXT_SESSION + "-" + i, start.plusSeconds(60L * i + 30), CONTEXT_SESSION,
                    "claude-sonnet-4-5", "anthropic", "context", "planner", i, CONTEXT_USED[i], 1_200L + 300L * i));
        }
        tenant.write(turns);
        return tenant;
    }

    /** One turn at {@code at}, in its own model / project / agent so no rollup row it needs exists yet. */
    void writeLiveTurn(Instant at) throws Exception {
        write(List.of(turn("live-" + at.toEpochMilli(), at, LIVE_SESSION, "gpt-5", "openai", "live", "live-agent", 0,
                20_000, 900L)));
    }

    /** The turns through the aggregator topology, each delivered when it occurred, then its sink into PostgreSQL. */
    private void write(List<TurnEvent> turns) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dashboard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(
                java.nio.file.Path.of("target")), "dashboard-ttd-").toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        SinkBatch batch = new SinkBatch();
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregatorTopology.build(TopologySettings.defaults(),
                PriceBook.loadShipped(), new AggregatorMetrics(new SimpleMeterRegistry()), Clock.systemUTC()), props,
                turns.get(0).occurredAt())) {
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.RAW_TURNS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            for (TurnEvent t : turns) {
                raw.pipeInput(Keys.session(t.tenantId(), t.sessionId()), TurnEventWriter.toBytes(t), t.occurredAt());
            }
            for (Topic<String, ?> topic : List.of(Topics.PRICED_TURNS, Topics.SESSION_ROLLUPS, Topics.MODEL_ROLLUPS,
                    Topics.AGENT_ROLLUPS, Topics.TOOL_ROLLUPS)) {
                TestOutputTopic<String, byte[]> out = driver.createOutputTopic(topic.name(), new StringDeserializer(),
                        new ByteArrayDeserializer());
                for (KeyValue<String, byte[]> record : out.readKeyValuesToList()) {
                    if (topic == Topics.PRICED_TURNS) {
                        batch.addTurn(Topics.PRICED_TURNS.valueSerde().deserializer().deserialize(topic.name(),
                                record.value));
                    } else {
                        batch.addRollup(topic.name(), record.key, record.value);
                    }
                }
            }
        }
        if (batch.turns().size() != turns.size()) {
            throw new IllegalStateException("the aggregator emitted " + batch.turns().size() + " of " + turns.size()
                    + " dashboard test turns");
        }
        batch.decode((where, e) -> {
            throw new IllegalStateException("unreadable " + where, e);
        });
        JdbcStorage storage = new JdbcStorage(jdbcUrl, user, password);
        try {
            storage.write(batch);
        } finally {
            storage.close();
        }
    }

    private static TurnEvent turn(String eventId, Instant at, String session, String model, String provider,
                                      String project, String agent, int index, long contextUsed, long durationMs) {
        Usage usage = new Usage(12_000L + 1_000L * index, 800L + 50L * index, 4_000L, null, null, null, null);
        return new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, TENANT, eventId, at, session, model, provider, project,
                agent, "dash-user", null, null, index, null, durationMs, TurnEvent.STATUS_OK, null, usage, null,
                new ContextWindow(contextUsed, CONTEXT_MAX), null, null, null, null, null, null);
    }

    private static void key(Connection c, String kind, String role, String clear) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (key_id, tenant_id, kind, role, name,"
                + " key_hash, key_prefix) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, ApiKeys.newKeyId());
            s.setString(2, TENANT);
            s.setString(3, kind);
            s.setString(4, role);
            s.setString(5, "dashboard tests " + kind + " " + role);
            s.setString(6, ApiKeys.sha256Hex(clear));
            s.setString(7, ApiKeys.prefixOf(clear));
            s.executeUpdate();
        }
    }
}
