package io.agentmeter.ingest.config;

import io.agentmeter.service.auth.KeyCacheSettings;
import io.agentmeter.service.db.DatabaseSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of the ingest gateway, read from {@code agentmeter.*} properties or the matching environment variables
 * ({@code agentmeter.kafka.bootstrap} = {@code AGENTMETER_KAFKA_BOOTSTRAP}). All fields are checked together at start
 * by {@link GatewayConfigCheck}; docs/ingest.md lists them.
 */
@ConfigMapping(prefix = "agentmeter")
public interface GatewayConfig {

    Kafka kafka();

    Db db();

    Ingest ingest();

    /** API key checks: how long and how many keys are trusted from memory. */
    KeyCacheSettings auth();

    Admin admin();

    Otlp otlp();

    /** The Kafka producer and topic set-up. Every blocking call of the producer is bounded by these. */
    interface Kafka {

        /** {@code bootstrap.servers}. */
        @WithDefault("localhost:9092")
        String bootstrap();

        /** How long the producer waits to fill a batch; a little linger buys larger batches under load. */
        @WithDefault("2ms")
        Duration linger();

        /** Producer batch size per partition. */
        @WithName("batch-size")
        @WithDefault("262144")
        int batchSize();

        /** none, gzip, snappy, lz4 or zstd. */
        @WithDefault("lz4")
        String compression();

        /** Upper bound of {@code send()}: metadata fetch or a full buffer. */
        @WithName("max-block")
        @WithDefault("2s")
        Duration maxBlock();

        /** How long one produce request may wait for the broker's answer. */
        @WithName("request-timeout")
        @WithDefault("5s")
        Duration requestTimeout();

        /** How long a record may take, retries included, before its send fails; at least linger + request-timeout. */
        @WithName("delivery-timeout")
        @WithDefault("10s")
        Duration deliveryTimeout();

        /** Producer buffer memory in bytes. */
        @WithName("buffer-memory")
        @WithDefault("67108864")
        long bufferMemory();

        /** Replicas of the topics created at start; -1 takes the broker's {@code default.replication.factor}. */
        @WithName("replication-factor")
        @WithDefault("-1")
        short replicationFactor();

        /**
         * {@code min.insync.replicas} of the topics created at start, as each topic's own setting; unset takes the
         * broker's. With acks=all an event is acknowledged once this many replicas hold it (2 of 3 on a cluster).
         */
        @WithName("min-insync-replicas")
        Optional<Integer> minInsyncReplicas();

        /** Overrides the catalogue's partition counts for the topics created at start. */
        Optional<Integer> partitions();

        /** Bound of the start-up topic creation. */
        @WithName("admin-timeout")
        @WithDefault("30s")
        Duration adminTimeout();

        /** Bound of the Kafka part of the readiness check. */
        @WithName("health-timeout")
        @WithDefault("1s")
        Duration healthTimeout();
    }

    /** PostgreSQL: url, user and password ({@link DatabaseSettings}) and the readiness check's bound. */
    interface Db extends DatabaseSettings {

        /** Bound of the PostgreSQL part of the readiness check. */
        @WithName("health-timeout")
        @WithDefault("1s")
        Duration healthTimeout();
    }

    /** The OTLP receivers besides the HTTP paths. */
    interface Otlp {

        /**
         * The port of OTLP/gRPC (LogsService, MetricsService, TraceService), on the HTTP listener's address: 4317, the
         * OTLP default, so agents' exporters need only the endpoint's host; 0 takes any free port, -1 turns it off.
         */
        @WithName("grpc-port")
        @WithDefault("4317")
        int grpcPort();
    }

    /** Limits of {@code POST /v1/turns} and {@code POST /v1/traces}. */
    interface Ingest {

        /** Largest body accepted, in bytes, both as sent and after gunzip. */
        @WithName("max-body-bytes")
        @WithDefault("4194304")
        int maxBodyBytes();

        /** Most events in one request; more is a 413. */
        @WithName("max-events")
        @WithDefault("1000")
        int maxEvents();

        /** The per-key rate limit. */
        @WithName("rate-limit")
        RateLimit rateLimit();

        /** The Retry-After of a 503 when Kafka cannot take events. */
        @WithName("unavailable-retry-after")
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }

    /** A token bucket per API key, counted in events (not requests). */
    interface RateLimit {

        /** Whether the per-key rate limit applies at all. */
        @WithDefault("true")
        boolean enabled();

        /** Events per second added to each key's bucket. */
        @WithName("events-per-second")
        @WithDefault("10000")
        double eventsPerSecond();

        /** Capacity of each key's bucket: the largest burst. At least {@code max-events}, so any batch can pass. */
        @WithDefault("20000")
        int burst();
    }

    /** The admin API ({@code /admin/*}). */
    interface Admin {

        /** The bearer secret of the admin API ({@code AGENTMETER_ADMIN_SECRET}); without it the admin API is off. */
        Optional<String> secret();
    }
}
