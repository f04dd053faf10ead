package io.agentmeter.ingest.kafka;

import io.agentmeter.ingest.config.GatewayConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client configurations of the gateway, derived from {@link GatewayConfig.Kafka}. */
public final class KafkaSettings {

    /** Added to the producer's own bounds when waiting for acknowledgements, for the callbacks to arrive. */
    static final Duration WAIT_MARGIN = Duration.ofMillis(500);

    private KafkaSettings() {
    }

    /**
     * acks=all and idempotence, so an acknowledged record is on every in-sync replica and a retried send is never
     * written twice; every blocking call bounded by max.block.ms / request.timeout.ms / delivery.timeout.ms.
     */
    public static Map<String, Object> producer(GatewayConfig.Kafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "agentmeter-ingest-gateway");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) kafka.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, kafka.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafka.compression());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, kafka.bufferMemory());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) kafka.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) kafka.deliveryTimeout().toMillis());
        // Reconnect quickly after a broker restart.
        config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /** The longest a request waits for Kafka: a blocked send, then the delivery timeout, plus a margin. */
    public static Duration publishBound(GatewayConfig.Kafka kafka) {
        return kafka.maxBlock().plus(kafka.deliveryTimeout()).plus(WAIT_MARGIN);
    }

    /** An admin client whose every call gives up after {@code timeout}. */
    public static Map<String, Object> admin(GatewayConfig.Kafka kafka, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "agentmeter-ingest-gateway-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }
}
