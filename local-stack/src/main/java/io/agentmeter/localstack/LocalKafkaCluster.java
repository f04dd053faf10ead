package io.agentmeter.localstack;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A real KRaft cluster of several nodes on this machine, each node (broker and controller in one) its own JVM
 * running Kafka's own {@code kafka.Kafka} main, so that a test can stop one cleanly ({@link Node#stop()}: SIGTERM,
 * a controlled shutdown) or kill it ({@link Node#kill()}: SIGKILL) and start it again over its data
 * ({@link Node#start()}), while the others go on. The controllers form a static quorum of every node; the ports are
 * fixed when the cluster is built, so a restarted node comes back where its peers and clients expect it.
 *
 * <p>Replication is set as a production cluster sets it (see {@link ClusterNodeConfig}): the internal topics on every
 * node with a majority as min ISR; other topics get what their creator asks for. The node JVMs run from
 * {@code classpath} (Kafka's server jars and an SLF4J provider), each writing its log to {@code node-<id>.log} in the
 * cluster directory.
 *
 * <pre>{@code
 * try (LocalKafkaCluster kafka = LocalKafkaCluster.builder().nodes(3).start()) {
 *     producerConfig.put("bootstrap.servers", kafka.bootstrapServers());
 *     kafka.node(2).kill();
 * }
 * }</pre>
 */
public final class LocalKafkaCluster implements AutoCloseable {

    /** Upper bound of each admin call the cluster makes for its readiness checks. */
    private static final Duration ADMIN_CALL = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final Path directory;
    private final boolean ephemeral;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::killAll, "agentmeter-kafka-cluster-kill");
    private boolean closed;

    private LocalKafkaCluster(Path directory, boolean ephemeral) {
        this.directory = directory;
        this.ephemeral = ephemeral;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int nodes = 3;
        private Path directory;
        private String classpath = System.getProperty("java.class.path");
        private List<String> javaOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError");
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(90);

        private Builder() {
        }

        /** How many nodes (each broker and controller); 3 by default. */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** Where the nodes keep their data and logs; null (the default): a temporary directory deleted on close. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** The classpath of the node JVMs; by default this JVM's. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        /** Options of each node JVM (heap and the like). */
        public Builder javaOptions(List<String> javaOptions) {
            this.javaOptions = List.copyOf(javaOptions);
            return this;
        }

        /** A server property set on every node, over the defaults of {@link ClusterNodeConfig}. */
        public Builder brokerConfig(String name, String value) {
            brokerConfig.put(name, value);
            return this;
        }

        /** How long the start of the whole cluster, and of a node, may take. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Formats every node, starts them all and returns once every broker is registered and unfenced. */
        public LocalKafkaCluster start() {
            boolean ephemeral = directory == null;
            LocalKafkaCluster cluster = new LocalKafkaCluster(
                    ephemeral ? Directories.createTemp("agentmeter-kafka-cluster-") : directory, ephemeral);
            try {
                cluster.prepare(this);
                Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
                cluster.nodes.forEach(Node::launch);
                cluster.awaitBrokers(cluster.nodes.stream().map(Node::id).collect(Collectors.toSet()), startTimeout);
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }

    private void prepare(Builder builder) {
        String clusterId = Uuid.randomUuid().toString();
        List<int[]> ports = new ArrayList<>();
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= builder.nodes; id++) {
            int[] pair = {FreePorts.pick(), FreePorts.pick()};
            ports.add(pair);
            voters.append(id == 1 ? "" : ",").append(id).append('@').append(SingleNodeBrokerConfig.HOST).append(':')
                    .append(pair[1]);
        }
        for (int id = 1; id <= builder.nodes; id++) {
            Path data = directory.resolve("node-" + id);
            Map<String, String> properties = ClusterNodeConfig.properties(id, builder.nodes, data, ports.get(id - 1)[0],
                    ports.get(id - 1)[1], voters.toString());
            properties.putAll(builder.brokerConfig);
            Path propertiesFile = directory.resolve("node-" + id + ".properties");
            try {
                KafkaStorage.formatIfNeeded(data, id, clusterId);
                Properties file = new Properties();
                file.putAll(properties);
                try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                    file.store(out, "agentmeter LocalKafkaCluster node " + id);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare Kafka node " + id + " in " + data, e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot format Kafka node " + id + " in " + data, e);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(builder.javaOptions);
            command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
            command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
            command.add("-cp");
            command.add(builder.classpath);
            command.add("kafka.Kafka");
            command.add(propertiesFile.toString());
            nodes.add(new Node(id, ports.get(id - 1)[0], ports.get(id - 1)[1], command,
                    directory.resolve("node-" + id + ".log"), builder.startTimeout));
        }
    }

    /** {@code host:port,...} of every broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The node with {@code id} (1 to the node count). */
    public Node node(int id) {
        return nodes.get(id - 1);
    }

    public Path directory() {
        return directory;
    }

    /** An admin client on every broker; the caller closes it. */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(config);
    }

    /** The node that leads the controller quorum now (the active controller). */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(ADMIN_CALL.toMillis(), TimeUnit.MILLISECONDS)
                    .leaderId();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the controller quorum of " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** For each node id, how many partitions of {@code topic} it leads now. */
    public Map<Integer, Integer> leadersOf(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_CALL.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<Integer, Integer> led = new HashMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() != null) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
            return led;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + " on " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until every node's broker is registered and unfenced and every partition of every topic (internal ones
     * included) has all its replicas in sync: after a node came back, the point from which another may go.
     */
    public void awaitFullyReplicated(Duration timeout) {
        awaitBrokers(nodes.stream().map(Node::id).collect(Collectors.toSet()), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        String lagging = "not asked yet";
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                        .get(ADMIN_CALL.toMillis(), TimeUnit.MILLISECONDS);
                Collection<TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(ADMIN_CALL.toMillis(), TimeUnit.MILLISECONDS).values();
                lagging = underReplicated(descriptions);
                if (lagging.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                lagging = "cannot describe the topics: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException("the cluster was not fully replicated within " + timeout.toSeconds()
                + " s: " + lagging);
    }

    private static String underReplicated(Collection<TopicDescription> topics) {
        List<String> lagging = new ArrayList<>();
        for (TopicDescription topic : topics) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.isr().size() < partition.replicas().size()) {
                    lagging.add(topic.name() + "-" + partition.partition() + " (isr " + ids(partition.isr())
                            + " of " + ids(partition.replicas()) + ")");
                }
            }
        }
        return lagging.size() > 5 ? lagging.subList(0, 5) + " and " + (lagging.size() - 5) + " more"
                : lagging.isEmpty() ? "" : lagging.toString();
    }

    private static Set<Integer> ids(List<org.apache.kafka.common.Node> nodes) {
        return nodes.stream().map(org.apache.kafka.common.Node::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until the brokers of {@code ids} are registered and unfenced (the cluster lists them). */
    private void awaitBrokers(Set<Integer> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Node node : nodes) {
                if (ids.contains(node.id()) && !node.isRunning()) {
                    throw new IllegalStateException("Kafka node " + node.id() + " exited with status "
                            + node.process.exitValue() + " while starting; see " + node.log());
                }
            }
            try (Admin admin = admin()) {
                Set<Integer> live = admin.describeCluster().nodes().get(ADMIN_CALL.toMillis(), TimeUnit.MILLISECONDS)
                        .stream().map(org.apache.kafka.common.Node::id).collect(Collectors.toSet());
                if (live.containsAll(ids)) {
                    return;
                }
                seen = "brokers " + new TreeSet<>(live);
            } catch (ExecutionException | TimeoutException e) {
                seen = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException("Kafka nodes " + new TreeSet<>(ids) + " were not up within "
                + timeout.toSeconds() + " s (" + seen + "); logs in " + directory);
    }

    /**
     * Stops every node (SIGTERM to all, then SIGKILL to those still running after {@link #CLOSE_TIMEOUT}: once a
     * majority is gone, the last nodes' controlled shutdown waits for a controller that no longer exists) and, for a
     * temporary cluster, deletes its data.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            nodes.stream().filter(Node::isRunning).forEach(node -> node.process.destroy());
            long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
            nodes.forEach(node -> node.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                // the hook runs or never was added: nothing to remove
            }
            if (ephemeral) {
                Directories.deleteRecursively(directory);
            }
        }
    }

    /** On JVM exit without {@link #close()}: no node JVM outlives the test that started it. */
    private void killAll() {
        nodes.stream().filter(Node::isRunning).forEach(node -> node.process.destroyForcibly());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "LocalKafkaCluster[" + bootstrapServers() + ", " + directory + "]";
    }

    /** One node: a broker and controller in its own JVM. */
    public final class Node {
        private final int id;
        private final int brokerPort;
        private final int controllerPort;
        private final List<String> command;
        private final Path log;
        private final Duration startTimeout;
        private Process process;

        private Node(int id, int brokerPort, int controllerPort, List<String> command, Path log,
                     Duration startTimeout) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.command = command;
            this.log = log;
            this.startTimeout = startTimeout;
        }

        public int id() {
            return id;
        }

        /** {@code host:port} of this broker. */
        public String address() {
            return SingleNodeBrokerConfig.HOST + ":" + brokerPort;
        }

        public int controllerPort() {
            return controllerPort;
        }

        /** The node's log (its JVM's output; a restart appends). */
        public Path log() {
            return log;
        }

        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        /** The node JVM's process id; -1 when it never ran. */
        public synchronized long pid() {
            return process == null ? -1 : process.pid();
        }

        /** Starts the node again over its data; returns once its broker is registered and unfenced. */
        public void start() {
            launch();
            awaitBrokers(Set.of(id), startTimeout);
        }

        /** SIGTERM: a controlled shutdown (leadership moves first); waits until the JVM ended. */
        public synchronized void stop() {
            if (process == null) {
                return;
            }
            process.destroy();
            awaitExit(STOP_TIMEOUT);
        }

        /** SIGKILL: the JVM ends at once, with whatever it had not written still in the page cache. */
        public synchronized void kill() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }

        private synchronized void launch() {
            if (isRunning()) {
                throw new IllegalStateException("Kafka node " + id + " is running already");
            }
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Kafka node " + id, e);
            }
        }

        private synchronized void awaitExit(Duration timeout) {
            if (process == null) {
                return;
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        @Override
        public String toString() {
            return "Kafka node " + id + " (" + address() + (isRunning() ? ", pid " + pid() : ", down") + ")";
        }
    }
}
