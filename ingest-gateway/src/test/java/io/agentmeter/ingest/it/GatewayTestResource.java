package io.agentmeter.ingest.it;

import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real Kafka broker and a real PostgreSQL for the gateway under test, passed to it as {@code agentmeter.*} config.
 * Tests reach the broker through {@link #kafka()} (to read the topics, or to stop and restart it).
 *
 * <p>Limits are set low enough to be reached by a test and the Kafka bounds short, so that a stopped broker turns into
 * a 503 within about three seconds.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_SECRET = "it-admin-secret-0123456789";
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_EVENTS = 300;
    public static final int RATE_BURST = 400;
    public static final int RATE_PER_SECOND = 50;
    public static final long CACHE_TTL_MS = 1500;
    /** max-block + delivery-timeout + margin: the longest a request may wait for Kafka. */
    public static final long PUBLISH_BOUND_MS = 1000 + 2500 + 500;

    private static LocalKafka kafka;
    private static LocalPostgres postgres;

    public static LocalKafka kafka() {
        return kafka;
    }

    public static LocalPostgres postgres() {
        return postgres;
    }

    @Override
    public Map<String, String> start() {
        postgres = LocalPostgres.startEphemeral();
        postgres.createDatabase("agentmeter");
        kafka = LocalKafka.startEphemeral();
        return Map.ofEntries(
                Map.entry("agentmeter.kafka.bootstrap", kafka.bootstrapServers()),
                Map.entry("agentmeter.kafka.max-block", "1s"),
                Map.entry("agentmeter.kafka.request-timeout", "1s"),
                Map.entry("agentmeter.kafka.delivery-timeout", "2500ms"),
                Map.entry("agentmeter.kafka.partitions", "3"),
                Map.entry("agentmeter.db.url", postgres.jdbcUrl("agentmeter")),
                Map.entry("agentmeter.db.user", postgres.username()),
                Map.entry("agentmeter.db.password", postgres.password()),
                Map.entry("agentmeter.admin.secret", ADMIN_SECRET),
                Map.entry("agentmeter.ingest.max-body-bytes", Integer.toString(MAX_BODY_BYTES)),
                Map.entry("agentmeter.ingest.max-events", Integer.toString(MAX_EVENTS)),
                Map.entry("agentmeter.ingest.rate-limit.events-per-second", Integer.toString(RATE_PER_SECOND)),
                Map.entry("agentmeter.ingest.rate-limit.burst", Integer.toString(RATE_BURST)),
                Map.entry("agentmeter.ingest.unavailable-retry-after", "2s"),
                Map.entry("agentmeter.auth.cache-ttl", CACHE_TTL_MS + "ms"));
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
