package io.agentmeter.aggregator;

import io.agentmeter.aggregator.sink.jdbc.TurnPartitions;
import io.agentmeter.schema.kafka.TopicReplication;
import io.agentmeter.schema.rollup.WindowSize;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the aggregator process reads from its environment, validated all at once: a bad start names every
 * problem, not just the first. Durations are ISO-8601 ({@code PT2M}, {@code P7D}) or a number with a unit
 * ({@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 7d}). See docs/aggregator.md for the full table.
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
        String dbUrl,
        String dbUser,
        String dbPassword,
        boolean sinkEnabled,
        String sinkGroupId,
        int sinkThreads,
        int sinkBatchSize,
        Duration sinkMaxWait,
        Duration sinkMaxBackoff,
        int httpPort,
        Optional<String> httpHost,
        Optional<Path> priceFile,
        Optional<String> instanceId,
        int partitionsAhead,
        Optional<Duration> retention) {

    public static final String PREFIX = "AGENTMETER_";
    static final Duration MIN_RETENTION = Duration.ofDays(31);
    /** Kafka Streams' default {@code transaction.timeout.ms} under exactly-once. */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    public static AggregatorConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static AggregatorConfig from(Map<String, String> env) {
        Reader r = new Reader(env);
        String bootstrap = r.required("KAFKA_BOOTSTRAP");
        String applicationId = r.text("APPLICATION_ID", "agentmeter-aggregator");
        Path stateDir = Path.of(r.text("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "agentmeter-streams")
                .toString()));
        int threads = r.integer("STREAM_THREADS", 1, 1, 64);
        Optional<Integer> partitions = r.optional("TOPIC_PARTITIONS").map(v -> r.parseInt("TOPIC_PARTITIONS", v, 1, 10_000));
        int replication = r.integer("TOPIC_REPLICATION", 1, 1, 10);
        // Each created topic's own min.insync.replicas (internal topics too); unset: the broker's.
        Optional<Integer> minInsync = r.optional("TOPIC_MIN_INSYNC_REPLICAS")
                .map(v -> r.parseInt("TOPIC_MIN_INSYNC_REPLICAS", v, 1, Math.max(1, replication)));
        Duration commit = r.duration("COMMIT_INTERVAL", Duration.ofMillis(100));
        // Kafka Streams' own default under exactly-once; on a cluster it must outlast a dead broker's detection.
        Duration transactionTimeout = r.duration("TRANSACTION_TIMEOUT", DEFAULT_TRANSACTION_TIMEOUT);
        if (transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
            r.problems.add(PREFIX + "TRANSACTION_TIMEOUT must be between 1s and 15m (the broker's"
                    + " transaction.max.timeout.ms), got " + r.optional("TRANSACTION_TIMEOUT").orElse(""));
        }
        TopologySettings defaults = TopologySettings.defaults();
        Map<WindowSize, Duration> grace = new EnumMap<>(WindowSize.class);
        for (WindowSize size : WindowSize.values()) {
            grace.put(size, r.duration("GRACE_" + size.label().toUpperCase(Locale.ROOT), defaults.graceOf(size)));
        }
        Duration horizon = r.duration("DEDUPE_HORIZON", defaults.dedupeHorizon());
        boolean sink = r.bool("SINK_ENABLED", true);
        String dbUrl = sink ? r.required("DB_URL") : r.text("DB_URL", null);
        String dbUser = r.text("DB_USER", null);
        String dbPassword = r.text("DB_PASSWORD", null);
        String group = r.text("SINK_GROUP_ID", applicationId + "-sink");
        int sinkThreads = r.integer("SINK_THREADS", 2, 1, 16);
        int batch = r.integer("SINK_BATCH_SIZE", 5000, 1, 100_000);
        Duration maxWait = r.duration("SINK_MAX_WAIT", Duration.ofMillis(200));
        Duration maxBackoff = r.duration("SINK_MAX_BACKOFF", Duration.ofSeconds(30));
        int port = r.integer("HTTP_PORT", 8081, 0, 65535);
        // The address the HTTP endpoints listen on; unset: every interface (as in a container).
        Optional<String> host = r.optional("HTTP_HOST");
        Optional<Path> priceFile = r.optional("PRICE_FILE").map(Path::of);
        Optional<String> instanceId = r.optional("INSTANCE_ID");
        int partitionsAhead = r.integer("PARTITIONS_AHEAD", TurnPartitions.DEFAULT_MONTHS_AHEAD, 1, 120);
        Optional<Duration> retention = r.optional("RETENTION").map(v -> r.duration("RETENTION", null));
        // Retention works in whole months; anything shorter is more likely a unit slip (2m is two minutes) than meant.
        if (retention.filter(keep -> keep.compareTo(MIN_RETENTION) < 0).isPresent()) {
            r.problems.add(PREFIX + "RETENTION must be at least 31d (it drops whole months), got "
                    + r.optional("RETENTION").orElse(""));
        }
        TopologySettings topology = null;
        try {
            topology = new TopologySettings(horizon, grace);
        } catch (IllegalArgumentException e) {
            r.problems.add(e.getMessage());
        }
        if (!r.problems.isEmpty()) {
            throw new IllegalArgumentException("invalid aggregator configuration: " + String.join("; ", r.problems));
        }
        return new AggregatorConfig(bootstrap, applicationId, stateDir, threads, partitions,
                new TopicReplication((short) replication, minInsync), commit, transactionTimeout, topology, dbUrl,
                dbUser, dbPassword, sink, group, sinkThreads, batch, maxWait, maxBackoff,
                port, host, priceFile, instanceId, partitionsAhead, retention);
    }

    /** Reads {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601. */
    static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Function<String, Long> number = s -> Long.parseLong(s.trim());
        if (v.endsWith("ms")) {
            return Duration.ofMillis(number.apply(v.substring(0, v.length() - 2)));
        }
        long amount = number.apply(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    private static final class Reader {
        final Map<String, String> env;
        final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            String value = env.get(PREFIX + name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String required(String name) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                problems.add(PREFIX + name + " is required");
            }
            return value.orElse(null);
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            return optional(name).map(v -> parseInt(name, v, min, max)).orElse(fallback);
        }

        int parseInt(String name, String value, int min, int max) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    problems.add(PREFIX + name + " must be between " + min + " and " + max + ", got " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(PREFIX + name + " must be a whole number, got " + value);
                return min;
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            String v = value.get().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(PREFIX + name + " must be true or false, got " + value.get());
            }
            return v.equals("true");
        }

        Duration duration(String name, Duration fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                Duration parsed = parseDuration(value.get());
                if (parsed.isNegative()) {
                    problems.add(PREFIX + name + " must not be negative, got " + value.get());
                }
                return parsed;
            } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
                problems.add(PREFIX + name + " must be a duration like 500ms, 90s, 2m, 1h, 7d or PT2M, got "
                        + value.get());
                return fallback;
            }
        }
    }
}
