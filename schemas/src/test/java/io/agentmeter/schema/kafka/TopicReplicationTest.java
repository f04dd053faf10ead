package io.agentmeter.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

    @Test
    void shouldGiveEveryTopicItsOwnMinInsyncReplicas() {
        NewTopic turns = Topics.RAW_TURNS.toNewTopic(Optional.empty(), new TopicReplication((short) 3, Optional.of(2)));

        assertThat(turns.replicationFactor()).isEqualTo((short) 3);
        assertThat(turns.configs()).containsEntry("min.insync.replicas", "2")
                .containsEntry("cleanup.policy", "delete")
                .containsKey("retention.ms");
    }

    @Test
    void shouldLeaveMinInsyncReplicasToTheBrokerWhenNotGiven() {
        NewTopic turns = Topics.RAW_TURNS.toNewTopic(Optional.empty(), (short) 1);

        assertThat(turns.replicationFactor()).isEqualTo((short) 1);
        assertThat(turns.configs()).doesNotContainKey("min.insync.replicas");
    }

    @Test
    void shouldRefuseMoreInsyncReplicasThanReplicas() {
        assertThatThrownBy(() -> new TopicReplication((short) 2, Optional.of(3)))
                .hasMessageContaining("min.insync.replicas");
        assertThatThrownBy(() -> new TopicReplication((short) 0, Optional.empty()))
                .hasMessageContaining("replication factor");
        assertThat(new TopicReplication((short) -1, Optional.of(2)).topicConfig())
                .containsEntry("min.insync.replicas", "2");
    }
}
