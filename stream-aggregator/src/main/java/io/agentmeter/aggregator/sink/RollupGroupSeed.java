package io.agentmeter.aggregator.sink;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrading from one sink to two: before its first start, the rollup sink's consumer group takes over the offsets
 * that the single sink of earlier versions committed on the rollup topics, in the turn sink's group. Those offsets
 * are exact (that sink committed them only after writing their rollups), so the new group goes on where the old one
 * stopped instead of reading every compacted rollup topic again from the start (which would write nothing new but
 * bump the settled-window generations of every tenant with old windows). A group that already has offsets is left
 * alone; if seeding fails (e.g. another instance's rollup sink has joined already) the group starts from the
 * beginning, which is correct, only slower.
 */
public final class RollupGroupSeed {

    private static final Logger LOG = LoggerFactory.getLogger(RollupGroupSeed.class);

    private RollupGroupSeed() {
    }

    /** @return how many partitions' offsets were taken over (0 when there was nothing to take or it failed) */
    public static int seed(Admin admin, String fromGroup, String toGroup) {
        Set<String> rollupTopics = Set.copyOf(SinkTopics.ROLLUPS.names());
        try {
            if (!committed(admin, toGroup).isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetAndMetadata> taken = committed(admin, fromGroup).entrySet().stream()
                    .filter(e -> rollupTopics.contains(e.getKey().topic()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (taken.isEmpty()) {
                return 0;
            }
            admin.alterConsumerGroupOffsets(toGroup, taken).all().get();
            LOG.info("rollup sink group {} starts where {} left the rollup topics ({} partitions)", toGroup,
                    fromGroup, taken.size());
            return taken.size();
        } catch (ExecutionException e) {
            LOG.warn("rollup sink group {} not seeded from {}; it reads the rollup topics from the start: {}", toGroup,
                    fromGroup, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
}
