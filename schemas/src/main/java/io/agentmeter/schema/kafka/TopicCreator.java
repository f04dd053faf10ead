package io.agentmeter.schema.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates agentmeter's topics up front. Services call this at start-up rather than rely on broker auto-creation,
 * which would give compacted topics the wrong cleanup policy and makes a first send block for
 * {@code max.block.ms} when auto-creation is off.
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * Creates each topic that does not exist yet; existing topics are left as they are.
     *
     * @param partitions        overrides every topic's default partition count when present
     * @param replicationFactor replicas per partition (1 for the local single-node broker)
     * @param timeout           bound on the whole call; a broker that does not answer in time fails it
     * @return the names of the topics this call created
     */
    public static Set<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, Optional<Integer> partitions,
                                     short replicationFactor, Duration timeout) {
        return ensure(admin, topics, partitions, TopicReplication.of(replicationFactor), timeout);
    }

    /**
     * Creates each topic that does not exist yet, replicated as {@code replication} says (its
     * {@code min.insync.replicas} becomes each new topic's own setting); existing topics are left as they are.
     *
     * @param partitions overrides every topic's default partition count when present
     * @param timeout    bound on the whole call; a broker that does not answer in time fails it
     * @return the names of the topics this call created
     */
    public static Set<String> ensure(Admin admin, Collection<Topic<?, ?>> topics, Optional<Integer> partitions,
                                     TopicReplication replication, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> topic.toNewTopic(partitions, replication))
                    .toList();
            if (missing.isEmpty()) {
                return Set.of();
            }
            admin.createTopics(missing).values().forEach((name, future) -> awaitCreated(name, future, timeout));
            return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics within " + timeout + ": " + e.getMessage(), e);
        }
    }

    private static void awaitCreated(String name, KafkaFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Another instance may have created it between our list and create: that is the state we want.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + name + " was not created within " + timeout, e);
        }
    }
}
