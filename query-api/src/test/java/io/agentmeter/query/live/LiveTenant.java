package io.agentmeter.query.live;

import io.agentmeter.aggregator.AggregatorMetrics;
import io.agentmeter.aggregator.AggregatorTopology;
import io.agentmeter.aggregator.TopologySettings;
import io.agentmeter.aggregator.sink.SinkBatch;
import io.agentmeter.aggregator.sink.jdbc.JdbcStorage;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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
 * A tenant of the live tests' own (so its turns never change what the other tests count), its query keys, and turns
 * "now" written the way production writes them: through the aggregator's topology (on the real clock, in a
 * TopologyTestDriver) and its PostgreSQL sink.
 */
final class LiveTenant {

    private static final AtomicInteger EVENTS = new AtomicInteger();

    final String tenant;
    final String developerKey = ApiKeys.newKey("query");
    final String viewerKey = ApiKeys.newKey("query");
    private final DataSource dataSource;

    private LiveTenant(String tenant, DataSource dataSource) {
        this.tenant = tenant;
        this.dataSource = dataSource;
    }

    static LiveTenant create(String tenant, DataSource dataSource) throws SQLException {
        LiveTenant t = new LiveTenant(tenant, dataSource);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tenants (tenant_id, name) VALUES (?, ?)")) {
                s.setString(1, tenant);
                s.setString(2, "live tests " + tenant);
                s.executeUpdate();
            }
            t.key(c, "developer", t.developerKey);
            t.key(c, "viewer", t.viewerKey);
        }
        return t;
    }

    /** {@code count} turns of {@code session} at about now, each with prompt text and params; returns their ids. */
    List<String> writeTurns(String session, int count) throws Exception {
        List<TurnEvent> turns = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            String id = tenant + "-e" + EVENTS.incrementAndGet();
            turns.add(new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, tenant, id, now.minusMillis(count - i), session,
                    "claude-sonnet-4-5", "anthropic", "live", "coder", "user-1", null, null, i, null, 1_000L,
                    TurnEvent.STATUS_OK, null, new Usage(1_000L + i, 100L, null, null, null, null, null), null, null,
                    null, null, Json.mapper().createObjectNode().put("temperature", 0.2),
                    new Prompt("h" + id, "the secret prompt of " + id), null, null));
        }
        write(turns);
        return turns.stream().map(TurnEvent::eventId).toList();
    }

    private void write(List<TurnEvent> turns) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "live-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(Path.of("target")),
                "live-ttd-").toString());
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
            for (Topic<String, ?> topic : List.of(Topics.PRICED_TURNS, Topics.SESSION_ROLLUPS)) {
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
                    + " live test turns");
        }
        batch.decode((where, e) -> {
            throw new IllegalStateException("unreadable " + where, e);
        });
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            JdbcStorage storage = new JdbcStorage(url, c.getMetaData().getUserName(), LocalPostgres.PASSWORD);
            try {
                storage.write(batch);
            } finally {
                storage.close();
            }
        }
    }

    private void key(Connection c, String role, String clear) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (key_id, tenant_id, kind, role, name,"
                + " key_hash, key_prefix) VALUES (?, ?, 'query', ?, ?, ?, ?)")) {
            s.setString(1, ApiKeys.newKeyId());
            s.setString(2, tenant);
            s.setString(3, role);
            s.setString(4, tenant + " " + role);
            s.setString(5, ApiKeys.sha256Hex(clear));
            s.setString(6, ApiKeys.prefixOf(clear));
            s.executeUpdate();
        }
    }
}
