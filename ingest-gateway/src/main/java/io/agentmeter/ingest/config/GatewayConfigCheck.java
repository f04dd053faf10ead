package io.agentmeter.ingest.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks every field of a {@link GatewayConfig} at once and names each bad one, so one restart fixes them all. */
public final class GatewayConfigCheck {

    /** A body must hold at least one reasonable event. */
    public static final int MIN_BODY_BYTES = 1024;
    /** Shorter admin secrets are guessable. */
    public static final int MIN_ADMIN_SECRET_CHARS = 16;
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private GatewayConfigCheck() {
    }

    /** Every problem, as {@code agentmeter.x.y: reason}; empty when the configuration is usable. */
    public static List<String> problems(GatewayConfig config) {
        List<String> problems = new ArrayList<>();
        GatewayConfig.Kafka kafka = config.kafka();
        if (kafka.bootstrap().isBlank()) {
            problems.add("agentmeter.kafka.bootstrap: must not be blank");
        }
        if (!COMPRESSIONS.contains(kafka.compression())) {
            problems.add("agentmeter.kafka.compression: must be one of " + COMPRESSIONS + ", got " + kafka.compression());
        }
        positive(problems, "agentmeter.kafka.batch-size", kafka.batchSize());
        positive(problems, "agentmeter.kafka.buffer-memory", kafka.bufferMemory());
        notNegative(problems, "agentmeter.kafka.linger", kafka.linger());
        positive(problems, "agentmeter.kafka.max-block", kafka.maxBlock());
        positive(problems, "agentmeter.kafka.request-timeout", kafka.requestTimeout());
        positive(problems, "agentmeter.kafka.admin-timeout", kafka.adminTimeout());
        positive(problems, "agentmeter.kafka.health-timeout", kafka.healthTimeout());
        if (kafka.deliveryTimeout().compareTo(kafka.linger().plus(kafka.requestTimeout())) < 0) {
            problems.add("agentmeter.kafka.delivery-timeout: must be at least linger + request-timeout ("
                    + kafka.linger().plus(kafka.requestTimeout()).toMillis() + " ms), got "
                    + kafka.deliveryTimeout().toMillis() + " ms");
        }
        if (kafka.replicationFactor() == 0 || kafka.replicationFactor() < -1) {
            problems.add("agentmeter.kafka.replication-factor: must be -1 (broker default) or at least 1, got "
                    + kafka.replicationFactor());
        }
        kafka.minInsyncReplicas().ifPresent(min -> {
            if (min < 1 || (kafka.replicationFactor() > 0 && min > kafka.replicationFactor())) {
                problems.add("agentmeter.kafka.min-insync-replicas: must be between 1 and the replication factor ("
                        + kafka.replicationFactor() + "), got " + min);
            }
        });
        kafka.partitions().ifPresent(n -> positive(problems, "agentmeter.kafka.partitions", n));
        if (config.db().url().isBlank()) {
            problems.add("agentmeter.db.url: must not be blank");
        }
        positive(problems, "agentmeter.db.health-timeout", config.db().healthTimeout());

        GatewayConfig.Ingest ingest = config.ingest();
        if (ingest.maxBodyBytes() < MIN_BODY_BYTES) {
            problems.add("agentmeter.ingest.max-body-bytes: must be at least " + MIN_BODY_BYTES + ", got "
                    + ingest.maxBodyBytes());
        }
        positive(problems, "agentmeter.ingest.max-events", ingest.maxEvents());
        positive(problems, "agentmeter.ingest.unavailable-retry-after", ingest.unavailableRetryAfter());
        GatewayConfig.RateLimit rate = ingest.rateLimit();
        if (rate.enabled()) {
            if (!(rate.eventsPerSecond() > 0) || Double.isInfinite(rate.eventsPerSecond())) {
                problems.add("agentmeter.ingest.rate-limit.events-per-second: must be a positive number, got "
                        + rate.eventsPerSecond());
            }
            if (rate.burst() < ingest.maxEvents()) {
                problems.add("agentmeter.ingest.rate-limit.burst: must be at least agentmeter.ingest.max-events ("
                        + ingest.maxEvents() + ") or a full batch could never pass, got " + rate.burst());
            }
        }
        positive(problems, "agentmeter.auth.cache-ttl", config.auth().cacheTtl());
        positive(problems, "agentmeter.auth.cache-max-entries", config.auth().cacheMaxEntries());
        config.admin().secret().ifPresent(secret -> {
            if (secret.strip().length() < MIN_ADMIN_SECRET_CHARS) {
                problems.add("agentmeter.admin.secret: must be at least " + MIN_ADMIN_SECRET_CHARS
                        + " characters (AGENTMETER_ADMIN_SECRET)");
            }
        });
        return problems;
    }

    /** Fails with every problem listed when the configuration is not usable. */
    public static void require(GatewayConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private static void positive(List<String> problems, String name, long value) {
        if (value <= 0) {
            problems.add(name + ": must be positive, got " + value);
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + ": must be a positive duration, got " + value);
        }
    }

    private static void notNegative(List<String> problems, String name, Duration value) {
        if (value.isNegative()) {
            problems.add(name + ": must not be negative, got " + value);
        }
    }
}
