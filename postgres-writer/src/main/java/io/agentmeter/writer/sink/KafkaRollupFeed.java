package io.agentmeter.writer.sink;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the rollup rows the sink writes to the compacted rollup topics ({@code session-rollups},
 * {@code model-rollups}, {@code agent-rollups}, {@code tool-rollups}), keyed as {@code RollupKeys} says: an idempotent
 * producer ({@code acks=all}), every record of a batch acknowledged before the batch's transaction commits.
 *
 * <p>At least once: a batch whose commit fails after publishing is written and published again, so a reader may see a
 * value that was never committed, always followed by the committed one; the last value per key (what compaction
 * keeps) is the table's. Values carry their {@code version}; a reader keeps the highest.
 */
public final class KafkaRollupFeed implements RollupFeed {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;

    public KafkaRollupFeed(String bootstrap, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(RollupRows rows) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        send(Topics.SESSION_ROLLUPS, rows.sessions(), sent);
        send(Topics.MODEL_ROLLUPS, rows.models(), sent);
        send(Topics.AGENT_ROLLUPS, rows.agents(), sent);
        send(Topics.TOOL_ROLLUPS, rows.tools(), sent);
        producer.flush();
        for (Future<RecordMetadata> ack : sent) {
            ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private <V> void send(Topic<String, V> topic, Map<String, V> values, List<Future<RecordMetadata>> sent) {
        values.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic.name(), key,
                topic.valueSerde().serializer().serialize(topic.name(), value)))));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
