package io.agentmeter.query.it;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.aggregator.AggregatorTopology;
import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.writer.sink.SinkBatch;
import io.agentmeter.writer.jdbc.JdbcStorage;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * Writes the test turns the way production does: the aggregator's own topology (in a TopologyTestDriver) validates,
 * dedupes, prices and marks them late; its own PostgreSQL sink ({@link JdbcStorage}) writes the priced turns and adds
 * them to the rollups. Turns are handed over in delivery order, so the late ones are late for the topology's own
 * lateness rule.
 */
public final class PipelineSink {

    /** The wall clock of the pipeline: after every test turn. */
    public static final Instant NOW = Instant.parse("2026-04-10T00:00:00Z");

    private PipelineSink() {
    }

    /**
     * Runs the turns through the pipeline into the database, each delivered (on the pipeline's wall clock too) at
     * its {@link GeneratedTurn#deliveredAt}; returns them.
     */
    public static List<GeneratedTurn> write(List<GeneratedTurn> turns, String jdbcUrl, String user, String password)
            throws Exception {
        List<GeneratedTurn> delivered = new ArrayList<>(turns);
        delivered.sort(Comparator.comparing(GeneratedTurn::deliveredAt).thenComparing(g -> g.turn().occurredAt()));
        Instant start = delivered.isEmpty() ? NOW : delivered.get(0).deliveredAt();
        run(TopologySettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), start,
                delivered.stream().map(g -> new Delivery(g.turn(), g.deliveredAt())).toList(), jdbcUrl, user,
                password);
        return delivered;
    }

    /**
     * Runs turns of about now through the production settings on the wall clock, each delivered when it occurred
     * (in the given order), into the database.
     */
    public static void writeAsTheyOccur(List<TurnEvent> turns, String jdbcUrl, String user, String password)
            throws Exception {
        run(TopologySettings.defaults(), Clock.systemUTC(), turns.get(0).occurredAt(),
                turns.stream().map(t -> new Delivery(t, t.occurredAt())).toList(), jdbcUrl, user, password);
    }

    /**
     * An aggregator on the wall clock kept running between writes, as production's is: each
     * {@link Running#writeAsTheyOccur} continues its stream time and its rollups (versions growing), so turns written
     * later into the same windows update their rollup rows, as in a backfill. The driver's wall clock is now, so the
     * stream time follows the turns however old they are.
     */
    public static Running start(String jdbcUrl, String user, String password) throws Exception {
        return new Running(TopologySettings.defaults(), Clock.systemUTC(), Instant.now(), jdbcUrl, user, password);
    }

    private record Delivery(TurnEvent turn, Instant at) {
    }

    private static void run(TopologySettings settings, Clock clock, Instant start, List<Delivery> deliveries,
                            String jdbcUrl, String user, String password) throws Exception {
        try (Running running = new Running(settings, clock, start, jdbcUrl, user, password)) {
            running.write(deliveries);
        }
    }

    /** The aggregator's topology in a TopologyTestDriver and its sink: one sink batch per write. */
    public static final class Running implements AutoCloseable {

        private final Path state;
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, byte[]> raw;
        private final TestOutputTopic<String, byte[]> dlq;
        private final TestOutputTopic<String, byte[]> pricedTurns;
        private final String jdbcUrl;
        private final String user;
        private final String password;
        /** The driver's wall clock: moved forward to each delivery, never back. */
        private Instant wallClock;

        private Running(TopologySettings settings, Clock clock, Instant start, String jdbcUrl, String user,
                        String password) throws Exception {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            this.wallClock = start;
            // The driver commits (and fsyncs its checkpoints) after every record: keep its state in memory when
            // possible.
            Path shm = Path.of("/dev/shm");
            state = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "query-api-ttd-") : Files.createTempDirectory("query-api-ttd-");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-api-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
            // In-memory stores for the DSL aggregations: RocksDB window segments opened and dropped for every
            // out-of-order turn make a few thousand turns take minutes in a TopologyTestDriver; the logic is the same
            // either way.
            props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
            driver = new TopologyTestDriver(AggregatorTopology.build(settings, PriceBook.loadShipped(),
                    new AggregatorMetrics(new SimpleMeterRegistry()), clock), props, start);
            raw = driver.createInputTopic(Topics.RAW_TURNS.name(), new StringSerializer(),
                    new ByteArraySerializer());
            dlq = driver.createOutputTopic(Topics.TURNS_DLQ.name(), new StringDeserializer(),
                    new ByteArrayDeserializer());
            pricedTurns = driver.createOutputTopic(Topics.PRICED_TURNS.name(), new StringDeserializer(),
                    new ByteArrayDeserializer());
        }

        /** Delivers each turn when it occurred (in the given order) and writes what the topology emitted. */
        public void writeAsTheyOccur(List<TurnEvent> turns) throws Exception {
            write(turns.stream().map(t -> new Delivery(t, t.occurredAt())).toList());
        }

        private void write(List<Delivery> deliveries) throws Exception {
            for (Delivery d : deliveries) {
                if (d.at().isAfter(wallClock)) {
                    driver.advanceWallClockTime(Duration.between(wallClock, d.at()));
                    wallClock = d.at();
                }
                raw.pipeInput(Keys.session(d.turn().tenantId(), d.turn().sessionId()),
                        TurnEventWriter.toBytes(d.turn()), d.at());
            }
            if (!dlq.isEmpty()) {
                throw new IllegalStateException("the aggregator rejected test turns: " + dlq.getQueueSize());
            }
            SinkBatch batch = new SinkBatch();
            for (KeyValue<String, byte[]> record : pricedTurns.readKeyValuesToList()) {
                batch.addTurn(Topics.PRICED_TURNS.valueSerde().deserializer().deserialize(Topics.PRICED_TURNS.name(),
                        record.value));
            }
            if (batch.turns().size() != deliveries.size()) {
                throw new IllegalStateException("the aggregator emitted " + batch.turns().size() + " of "
                        + deliveries.size() + " turns");
            }
            JdbcStorage storage = new JdbcStorage(jdbcUrl, user, password);
            try {
                storage.write(batch);
            } finally {
                storage.close();
            }
        }

        @Override
        public void close() throws Exception {
            driver.close();
            deleteRecursively(state);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
