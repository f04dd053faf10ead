package io.agentmeter.schema.kafka;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How the topics agentmeter creates are replicated: the replication factor, and the {@code min.insync.replicas} each
 * topic gets as its own setting. With the producers' {@code acks=all}, an event is acknowledged once that many
 * replicas hold it; on a three-broker cluster, 3 and 2 keep every acknowledged event through the loss of any one
 * broker and keep taking events while it is away.
 *
 * @param factor            replicas per partition; -1 takes the broker's {@code default.replication.factor}
 * @param minInsyncReplicas the topics' {@code min.insync.replicas}; empty takes the broker's (Kafka's default: 1)
 */
public record TopicReplication(short factor, Optional<Integer> minInsyncReplicas) {

    /** The broker's defaults for both: what a single local broker needs. */
    public static final TopicReplication BROKER_DEFAULT = new TopicReplication((short) -1, Optional.empty());

    public TopicReplication {
        if (factor == 0 || factor < -1) {
            throw new IllegalArgumentException("replication factor must be -1 (broker default) or at least 1, got "
                    + factor);
        }
        minInsyncReplicas.ifPresent(min -> {
            if (min < 1 || (factor > 0 && min > factor)) {
                throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor ("
                        + factor + "), got " + min);
            }
        });
    }

    /** {@code factor} replicas, the broker's {@code min.insync.replicas}. */
    public static TopicReplication of(short factor) {
        return new TopicReplication(factor, Optional.empty());
    }

    /** The topic settings this adds to a topic's own configuration. */
    public Map<String, String> topicConfig() {
        return minInsyncReplicas.map(min -> Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(min)))
                .orElse(Map.of());
    }
}
