package io.agentmeter.schema.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic and its serdes as one typed object, so no module spells a topic name or picks a serde by hand.
 *
 * @param name          the topic name
 * @param keySerde      how keys are written and read
 * @param valueSerde    how values are written and read
 * @param partitions    the partition count the topic is created with
 * @param cleanupPolicy {@code delete} for event streams, {@code compact} for latest-value-per-key tables
 * @param config        further topic configuration (retention and the like)
 * @param description   what the topic carries, for docs and tooling
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        String cleanupPolicy,
        Map<String, String> config,
        String description) {

    public Topic {
        config = Map.copyOf(config);
    }

    public boolean isCompacted() {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy);
    }

    /** The admin request that creates this topic with {@code replicationFactor} replicas and {@code partitions}. */
    public NewTopic toNewTopic(Optional<Integer> partitionsOverride, short replicationFactor) {
        return toNewTopic(partitionsOverride, TopicReplication.of(replicationFactor));
    }

    /** The admin request that creates this topic replicated as {@code replication} says, with {@code partitions}. */
    public NewTopic toNewTopic(Optional<Integer> partitionsOverride, TopicReplication replication) {
        Map<String, String> all = new HashMap<>(config);
        all.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        all.putAll(replication.topicConfig());
        return new NewTopic(name, partitionsOverride.orElse(partitions), replication.factor()).configs(all);
    }
}
