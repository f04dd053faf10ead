package io.agentmeter.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of the system's consumer groups, with the Admin API as {@code kafka-consumer-groups --describe} does it:
 * for each partition a group has committed, the end offset a {@code read_committed} consumer can reach (the last
 * stable offset: the aggregator's output is transactional) minus the committed offset, summed over the group. That is
 * the number of records the group still has to process, commit markers included (each is one offset).
 */
final class ConsumerLag implements AutoCloseable {

    private static final long TIMEOUT_S = 20;

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "agentmeter-soak-benchmark");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S / 2));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        this.admin = Admin.create(props);
    }

    /** Every group the broker knows, sorted. */
    List<String> groups() throws Exception {
        List<String> groups = new ArrayList<>();
        for (GroupListing group : admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            groups.add(group.groupId());
        }
        groups.sort(null);
        return groups;
    }

    /** Lag of each group (-1 when it has committed nothing yet), in the order given. */
    Map<String, Long> lag(List<String> groups) throws Exception {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            committed.put(group, offsets);
            offsets.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                : admin.listOffsets(partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.get(group);
            long sum = offsets.isEmpty() ? -1 : 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                long end = ends.get(entry.getKey()).offset();
                sum += Math.max(0, end - entry.getValue().offset());
            }
            lag.put(group, sum);
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
