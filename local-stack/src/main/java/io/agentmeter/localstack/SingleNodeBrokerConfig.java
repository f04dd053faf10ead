package io.agentmeter.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server.properties of a one-node KRaft cluster: a single process that is both broker and controller.
 *
 * <p>Every internal topic gets replication factor 1 and min ISR 1, otherwise consumer groups, transactions
 * (exactly-once Kafka Streams) and share groups would wait forever for replicas that do not exist.
 */
final class SingleNodeBrokerConfig {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private SingleNodeBrokerConfig() {
    }

    static Map<String, String> properties(Path logDirectory, int brokerPort, int controllerPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // A static quorum (kraft.version 0) keeps the controller's address out of the metadata log,
        // so the controller may get a different port on every start without breaking a persisted cluster.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        // Loopback only: this is a development stack with no authentication.
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());

        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // One partition instead of 50 for the internal topics: creating them is most of the cost of the
        // first consumer group or transaction, and one broker gains nothing from spreading them.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");

        // Topics are created on purpose, as in production; a typo in a topic name fails instead of
        // silently creating a new topic.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");

        // Sized for a 2-core laptop or CI runner rather than a server.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // A broker that cannot start should fail the caller, not hang it.
        props.put("server.max.startup.time.ms", "60000");
        return props;
    }
}
