package io.agentmeter.aggregator;

import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.runtime.EnvSettings;
import io.agentmeter.runtime.TopicSetup;
import io.agentmeter.schema.kafka.TopicReplication;
import io.agentmeter.schema.rollup.WindowSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the aggregator process reads from its environment, validated all at once: a bad start names every
 * problem, not just the first. Durations are ISO-8601 ({@code PT2M}, {@code P7D}) or a number with a unit
 * ({@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 7d}). See docs/aggregator.md for the full table. The
 * PostgreSQL side (turns, rollups, partitions, retention) is the writer's: postgres-writer's {@code WriterConfig}.
 */
public record AggregatorConfig(
        String kafkaBootstrap,
        String applicationId,
        Path stateDir,
        int streamThreads,
        Optional<Integer> topicPartitions,
        TopicReplication topicReplication,
        Duration commitInterval,
        Duration transactionTimeout,
        TopologySettings topology,
        int httpPort,
        Optional<String> httpHost,
        Optional<Path> priceFile,
        Optional<String> instanceId) {

    public static final String PREFIX = EnvSettings.PREFIX;
    /** Kafka Streams' default {@code transaction.timeout.ms} under exactly-once. */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    public static AggregatorConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AggregatorConfig from(Map<String, String> env) {
        EnvSettings r = new EnvSettings(env);
        String bootstrap = r.required("KAFKA_BOOTSTRAP");
        String applicationId = r.text("APPLICATION_ID", "agentmeter-aggregator");
        Path stateDir = Path.of(r.text("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "agentmeter-streams")
                .toString()));
        int threads = r.integer("STREAM_THREADS", 1, 1, 64);
        TopicSetup.Layout topics = TopicSetup.Layout.read(r);
        Duration commit = r.duration("COMMIT_INTERVAL", Duration.ofMillis(100));
        // Kafka Streams' own default under exactly-once; on a cluster it must outlast a dead broker's detection.
        Duration transactionTimeout = r.duration("TRANSACTION_TIMEOUT", DEFAULT_TRANSACTION_TIMEOUT);
        if (transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
            r.problem(PREFIX + "TRANSACTION_TIMEOUT must be between 1s and 15m (the broker's"
                    + " transaction.max.timeout.ms), got " + r.optional("TRANSACTION_TIMEOUT").orElse(""));
        }
        TopologySettings defaults = TopologySettings.defaults();
        Map<WindowSize, Duration> grace = new EnumMap<>(WindowSize.class);
        for (WindowSize size : WindowSize.values()) {
            grace.put(size, r.duration("GRACE_" + size.label().toUpperCase(Locale.ROOT), defaults.graceOf(size)));
        }
        Duration horizon = r.duration("DEDUPE_HORIZON", defaults.dedupeHorizon());
        int port = r.integer("HTTP_PORT", 8081, 0, 65535);
        // The address the HTTP endpoints listen on; unset: every interface (as in a container).
        Optional<String> host = r.optional("HTTP_HOST");
        Optional<Path> priceFile = r.optional("PRICE_FILE").map(Path::of);
        Optional<String> instanceId = r.optional("INSTANCE_ID");
        TopologySettings topology = null;
        try {
            topology = new TopologySettings(horizon, grace);
        } catch (IllegalArgumentException e) {
            r.problem(e.getMessage());
        }
        r.throwIfInvalid("aggregator configuration");
        return new AggregatorConfig(bootstrap, applicationId, stateDir, threads, topics.partitions(),
                topics.replication(), commit, transactionTimeout, topology, port, host, priceFile, instanceId);
    }
}
