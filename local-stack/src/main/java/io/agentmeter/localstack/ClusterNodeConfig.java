package io.agentmeter.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server.properties of one node of a multi-node KRaft cluster on this machine: every node is both broker and
 * controller, and the controllers form a static quorum of all the nodes ({@code controller.quorum.voters}), so the
 * cluster keeps its metadata and elects leaders while a minority of the nodes is down.
 *
 * <p>The internal topics (consumer offsets, transaction state) are replicated to every node with a min ISR of a
 * majority, as a production cluster would have them. Every other topic takes Kafka's own defaults unless the caller
 * overrides them: {@code default.replication.factor} is the node count, {@code min.insync.replicas} stays Kafka's 1,
 * so a topic is only as safe as the settings its creator gave it.
 */
final class ClusterNodeConfig {

    private ClusterNodeConfig() {
    }

    /**
     * @param voters {@code id@host:port,...} of every node's controller listener
     */
    static Map<String, String> properties(int nodeId, int nodes, Path logDirectory, int brokerPort, int controllerPort,
                                          String voters) {
        String host = SingleNodeBrokerConfig.HOST;
        String broker = SingleNodeBrokerConfig.BROKER_LISTENER;
        String controller = SingleNodeBrokerConfig.CONTROLLER_LISTENER;
        String replicas = Integer.toString(nodes);
        String majority = Integer.toString(nodes / 2 + 1);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("controller.listener.names", controller);
        props.put("inter.broker.listener.name", broker);
        // Loopback only: a test cluster with no authentication.
        props.put("listeners", broker + "://" + host + ":" + brokerPort + "," + controller + "://" + host + ":"
                + controllerPort);
        props.put("advertised.listeners", broker + "://" + host + ":" + brokerPort);
        props.put("listener.security.protocol.map", broker + ":PLAINTEXT," + controller + ":PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());

        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", majority);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", majority);
        props.put("default.replication.factor", replicas);
        // A handful of partitions instead of 50 for the internal topics: creating them is most of the cost of the
        // first consumer group or transaction.
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");

        // Sized for a 2-core machine running the whole cluster and the services under test.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("num.replica.fetchers", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("server.max.startup.time.ms", "60000");
        return props;
    }
}
