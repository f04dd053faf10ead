package io.agentmeter.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller in one node) running inside this JVM.
 *
 * <p>It runs {@link KafkaRaftServer}, the same server {@code kafka-server-start.sh} runs, over a log directory that
 * is formatted only when it is new. So one code path serves both uses: an ephemeral broker for tests (temporary
 * directory, random port, deleted on close) and a persistent one for the standalone stack (given directory and
 * port, kept on close). The broker port is fixed when the instance is built, so {@link #stop()} then
 * {@link #restart()} brings the same broker, with the same data, back on the same address.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.startEphemeral()) {
 *     kafka.createTopic("usage-events", 3, Map.of("retention.ms", "-1"));
 *     producerConfig.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class LocalKafka extends LocalServer<KafkaRaftServer> {

    /** Upper bound for every admin call made on behalf of the caller (topic creation, listing). */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private LocalKafka(Path logDirectory, boolean ephemeral, int port) {
        super(logDirectory, ephemeral, port);
    }

    /** A broker on a random free port over a temporary directory that is deleted on {@link #close()}. */
    public static LocalKafka startEphemeral() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path logDirectory;
        private int port;

        private Builder() {
        }

        /** Where the broker keeps its log and metadata; null (the default) means a temporary directory. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory;
            return this;
        }

        /** The client (PLAINTEXT) port on 127.0.0.1; 0 (the default) means a free port chosen now. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public LocalKafka start() {
            return LocalServer.start(logDirectory, "agentmeter-kafka-", port, LocalKafka::new);
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. Stays the same across {@link #stop()}/{@link #restart()}. */
    public String bootstrapServers() {
        return SingleNodeBrokerConfig.HOST + ":" + port();
    }

    public Path logDirectory() {
        return directory();
    }

    /** A fresh, mutable client config holding only {@code bootstrap.servers}; add serdes, group id and so on. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /**
     * Creates a topic with replication factor 1 unless it already exists (an existing topic is left unchanged, so a
     * persistent stack can run the same set-up on every start).
     */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(config)));
    }

    /** Creates the topics that do not exist yet, all within one {@link #ADMIN_TIMEOUT}. */
    public void createTopics(Collection<NewTopic> topics) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        Admin admin = admin();
        try {
            admin.createTopics(topics).values().forEach((name, creation) -> awaitCreated(name, creation, deadline));
        } finally {
            closeBounded(admin);
        }
    }

    /** The names of the non-internal topics. */
    public Set<String> topicNames() {
        Admin admin = admin();
        try {
            return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics on " + bootstrapServers(), e);
        } finally {
            closeBounded(admin);
        }
    }

    /**
     * Shuts the broker down cleanly (everything acknowledged is on disk); clients see connection failures until
     * {@link #restart()}, which returns once the broker accepts requests.
     */
    @Override
    void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    KafkaRaftServer startServer() {
        try {
            KafkaStorage.formatIfNeeded(directory());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + directory(), e);
        }
        // The controller listener is only used inside this JVM, so it may move to another free port on every start.
        Map<String, String> properties = SingleNodeBrokerConfig.properties(directory(), port(), FreePorts.pick());
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        try {
            // Returns once the broker is unfenced and its listeners accept connections
            // (bounded by server.max.startup.time.ms).
            starting.startup();
            return starting;
        } catch (RuntimeException e) {
            shutDownAfterFailedStart(starting, e);
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not start", e);
        }
    }

    private static void shutDownAfterFailedStart(KafkaRaftServer server, RuntimeException startFailure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
    }

    private Admin admin() {
        Map<String, Object> config = clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(config);
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation, long deadlineNanos) {
        try {
            creation.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " not created within " + ADMIN_TIMEOUT, e);
        }
    }

    /** Admin.close() without a timeout waits for calls still in flight, which after a timeout means another 30 s. */
    private static void closeBounded(Admin admin) {
        admin.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", " + directory() + (isRunning() ? "" : ", stopped") + "]";
    }
}
