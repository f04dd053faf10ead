package io.agentmeter.runtime;

import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.TopicReplication;
import io.agentmeter.schema.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the topic catalogue up front, as every service does at start (never broker auto-creation). */
public final class TopicSetup {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * How the created topics are laid out: {@code AGENTMETER_TOPIC_PARTITIONS} (unset: each topic's own count),
     * {@code AGENTMETER_TOPIC_REPLICATION} (1) and {@code AGENTMETER_TOPIC_MIN_INSYNC_REPLICAS} (unset: the broker's).
     */
    public record Layout(Optional<Integer> partitions, TopicReplication replication) {

        public static Layout read(EnvSettings settings) {
            Optional<Integer> partitions = settings.optional("TOPIC_PARTITIONS")
                    .map(v -> settings.parseInt("TOPIC_PARTITIONS", v, 1, 10_000));
            int replication = settings.integer("TOPIC_REPLICATION", 1, 1, 10);
            Optional<Integer> minInsync = settings.optional("TOPIC_MIN_INSYNC_REPLICAS")
                    .map(v -> settings.parseInt("TOPIC_MIN_INSYNC_REPLICAS", v, 1, Math.max(1, replication)))
                    // Out of range: already a problem named by its setting; the layout is not used then.
                    .filter(min -> min >= 1 && min <= replication);
            return new Layout(partitions, new TopicReplication((short) Math.max(1, replication), minInsync));
        }
    }

    /** @return the topics this call created (empty when they all existed) */
    public static Set<String> ensure(String bootstrap, Layout layout) {
        return ensure(bootstrap, layout.partitions(), layout.replication());
    }

    /** @return the topics this call created (empty when they all existed) */
    public static Set<String> ensure(String bootstrap, Optional<Integer> partitions, TopicReplication replication) {
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPIC_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            return Set.copyOf(TopicCreator.ensure(admin, Topics.all(), partitions, replication, TOPIC_TIMEOUT));
        }
    }
}
