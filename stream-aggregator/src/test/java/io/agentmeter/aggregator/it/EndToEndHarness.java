package io.agentmeter.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalStack;
import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real broker and PostgreSQL, a generated workload, and the check that the tables equal an independent
 * recomputation of it. Shared by the end-to-end integration tests and the benchmark.
 */
public final class EndToEndHarness implements AutoCloseable {

    public static final int PARTITIONS = 3;

    public final LocalStack stack;
    public final Path stateDir;
    final Database database;
    public final AtomicLong sent = new AtomicLong();

    public final int partitions;

    public EndToEndHarness() throws Exception {
        this(PARTITIONS);
    }

    public EndToEndHarness(int partitions) throws Exception {
        this.partitions = partitions;
        stack = LocalStack.builder().start();
        stateDir = Files.createTempDirectory("agentmeter-it-state-");
        database = new Database(stack.postgres().dataSource());
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            TopicCreator.ensure(admin, Topics.all(), Optional.of(partitions), (short) 1, Duration.ofSeconds(30));
        }
    }

    /** The aggregator's environment for this stack. */
    public Map<String, String> environment(String instanceId, int httpPort) {
        return environment(instanceId, httpPort, stateDir);
    }

    /**
     * The environment of one of several aggregators sharing the work: same application id and sink group, but a state
     * directory of its own, as separate machines would have (Kafka Streams keeps its process id there).
     */
    public Map<String, String> instanceEnvironment(String instanceId, int httpPort) {
        return environment(instanceId, httpPort, stateDir.resolve(instanceId));
    }

    private Map<String, String> environment(String instanceId, int httpPort, Path instanceStateDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTMETER_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("AGENTMETER_APPLICATION_ID", "agentmeter-itest");
        env.put("AGENTMETER_STATE_DIR", instanceStateDir.toString());
        env.put("AGENTMETER_TOPIC_PARTITIONS", String.valueOf(partitions));
        env.put("AGENTMETER_INSTANCE_ID", instanceId);
        env.put("AGENTMETER_HTTP_PORT", String.valueOf(httpPort));
        return env;
    }

    /** The environment of a writer (postgres-writer) for this stack; writers of one test share the sink group. */
    public Map<String, String> writerEnvironment(String instanceId, int httpPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AGENTMETER_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("AGENTMETER_TOPIC_PARTITIONS", String.valueOf(partitions));
        env.put("AGENTMETER_DB_URL", stack.postgres().jdbcUrl());
        env.put("AGENTMETER_DB_USER", stack.postgres().username());
        env.put("AGENTMETER_DB_PASSWORD", stack.postgres().password());
        env.put("AGENTMETER_SINK_GROUP_ID", "agentmeter-itest-sink");
        env.put("AGENTMETER_INSTANCE_ID", instanceId);
        env.put("AGENTMETER_HTTP_PORT", String.valueOf(httpPort));
        env.put("AGENTMETER_SINK_MAX_WAIT", "100ms");
        env.put("AGENTMETER_SINK_MAX_BACKOFF", "1s");
        return env;
    }

    public void publishPrices() {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ModelPriceUpdate price : TurnGenerator.prices()) {
                producer.send(new ProducerRecord<>(Topics.MODEL_PRICES.name(), price.key().toString(),
                        Topics.MODEL_PRICES.valueSerde().serializer().serialize(Topics.MODEL_PRICES.name(), price)));
            }
        }
    }

    /** Event times for {@code count} turns 20 ms apart, ending about now. */
    public static Instant workloadStart(int count) {
        return Instant.now().minusMillis(count * 20L + 60_000).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Sends the turns in order, at most {@code perSecond} a second (0: as fast as possible). */
    public void send(List<TurnEvent> order, int perSecond) {
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long i = 0;
            for (TurnEvent turn : order) {
                producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), Keys.session(turn.tenantId(),
                        turn.sessionId()), TurnEventWriter.toBytes(turn)));
                sent.incrementAndGet();
                i++;
                if (perSecond > 0 && i % 100 == 0) {
                    long due = start + i * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait / 1_000_000);
                    }
                }
            }
        }
    }

    public Thread sendInBackground(List<TurnEvent> order, int perSecond) {
        Thread thread = new Thread(() -> send(order, perSecond), "itest-producer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(stack.kafka().clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public long storedTurns() {
        return database.count("SELECT count(*) FROM turns");
    }

    /** Waits until every distinct turn is stored and every rollup has caught up with it. */
    public void awaitComplete(Recomputation expected, int distinct, Duration timeout) {
        long toolPairs = expected.tools.entrySet().stream().filter(e -> e.getKey().contains("|1m|"))
                .mapToLong(e -> e.getValue().turns).sum();
        await(() -> database.count("SELECT count(*) FROM turns") == distinct
                && database.count("SELECT coalesce(sum(turns), 0) FROM session_rollups") == distinct
                && database.count("SELECT coalesce(sum(turns), 0) FROM model_rollups WHERE window_size = '1d'")
                == distinct
                && database.count("SELECT coalesce(sum(turns), 0) FROM agent_rollups WHERE window_size = '1m'")
                == distinct
                && database.count("SELECT coalesce(sum(turns), 0) FROM tool_rollups WHERE window_size = '1h'")
                == toolPairs, timeout, () -> "turns " + storedTurns() + " of " + distinct + ", session turns "
                + database.count("SELECT coalesce(sum(turns), 0) FROM session_rollups"));
    }

    /** The turns table and every rollup table equal the recomputation. */
    public void verify(Recomputation expected) throws Exception {
        Map<String, Object[]> turns = database.turns();
        assertThat(turns).hasSize(expected.statusByEvent.size());
        Map<String, String> statuses = new HashMap<>();
        Map<String, Object> costs = new HashMap<>();
        turns.forEach((k, v) -> {
            statuses.put(k, (String) v[0]);
            costs.put(k, v[1]);
            assertThat((Boolean) v[2]).as("late flag of " + k).isFalse();
        });
        assertThat(statuses).isEqualTo(expected.statusByEvent);
        Map<String, Object> expectedCosts = new HashMap<>();
        expected.costByEvent.forEach((k, v) -> expectedCosts.put(k, v == null ? null : v.stripTrailingZeros()));
        assertThat(costs).isEqualTo(expectedCosts);
        assertThat(database.sessions()).isEqualTo(expected.figures(expected.sessions));
        assertThat(database.models()).isEqualTo(expected.figures(expected.models));
        assertThat(database.agents()).isEqualTo(expected.figures(expected.agents));
        assertThat(database.tools()).isEqualTo(expected.figures(expected.tools));
    }

    public static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + ": " + state.get());
            }
            sleep(250);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
