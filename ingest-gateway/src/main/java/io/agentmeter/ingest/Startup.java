package io.agentmeter.ingest;

import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.config.GatewayConfigCheck;
import io.agentmeter.ingest.kafka.KafkaSettings;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.TopicReplication;
import io.agentmeter.schema.kafka.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Before the gateway takes traffic: checks the whole configuration, brings PostgreSQL to the latest schema
 * ({@link Migrations}), creates the topics that do not exist yet ({@link TopicCreator}), each bounded, and connects the
 * producer. A failure of the first three stops the start with the reason, rather than a gateway that answers 503
 * forever.
 */
@Singleton
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class);

    void onStart(@Observes StartupEvent event, GatewayConfig config, DataSource dataSource,
                 Producer<String, byte[]> producer) {
        GatewayConfigCheck.require(config);
        int migrations = Migrations.apply(dataSource);
        LOG.infof("PostgreSQL schema up to date (%d migrations applied now)", migrations);
        GatewayConfig.Kafka kafka = config.kafka();
        try (Admin admin = Admin.create(KafkaSettings.admin(kafka, kafka.adminTimeout()))) {
            Set<String> created = TopicCreator.ensure(admin, Topics.all(), kafka.partitions(),
                    new TopicReplication(kafka.replicationFactor(), kafka.minInsyncReplicas()), kafka.adminTimeout());
            LOG.infof("Kafka topics ready on %s (created now: %s)", kafka.bootstrap(), created);
        }
        // Connect the producer and learn the topic's partitions now rather than on the first request.
        try {
            producer.partitionsFor(Topics.RAW_TURNS.name());
        } catch (KafkaException e) {
            LOG.warnf("the Kafka producer is not connected yet: %s", e.getMessage());
        }
        if (config.admin().secret().isEmpty()) {
            LOG.warn("AGENTMETER_ADMIN_SECRET is not set: the admin API (/admin/*) answers 403");
        }
    }
}
