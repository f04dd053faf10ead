package io.agentmeter.cli.send;

import io.agentmeter.schema.TenantId;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityEventWriter;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turn events straight to the {@code agent-turns} topic, as a direct producer: key {@code tenant:session_id}
 * ({@link Keys#session}), value the v1 JSON with {@code tenant_id} set. Idempotent producer with acks=all; a batch
 * counts as sent only when every record was acknowledged.
 */
public final class KafkaSink implements EventSink {

    private final String tenant;
    private final String bootstrap;
    private final Producer<String, byte[]> producer;

    public KafkaSink(String bootstrap, String tenant, Map<String, Object> extraConfig) {
        this.tenant = TenantId.require(tenant);
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(config(bootstrap, extraConfig), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The producer settings: idempotent, acks=all, bounded delivery time. */
    static Map<String, Object> config(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "agentmeter-cli");
        config.putAll(extra);
        return config;
    }

    @Override
    public SendResult send(List<TurnEvent> events) throws SendException {
        return sendAll(Topics.RAW_TURNS.name(), events, TurnEvent::sessionId,
                event -> TurnEventWriter.toBytes(event.withTenant(tenant)));
    }

    @Override
    public SendResult sendActivity(List<ActivityEvent> events) throws SendException {
        return sendAll(Topics.AGENT_ACTIVITY.name(), events, ActivityEvent::sessionId,
                event -> ActivityEventWriter.toBytes(event.withTenant(tenant)));
    }

    /**
     * Sends one record per event to {@code topic}, keyed {@code tenant:session_id}, its value the event with the
     * tenant set ({@code value}), and waits until every one is acknowledged.
     */
    private <T> SendResult sendAll(String topic, List<T> events, Function<T, String> sessionId,
                                   Function<T, byte[]> value) throws SendException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (T event : events) {
                acks.add(producer.send(new ProducerRecord<>(topic, Keys.session(tenant, sessionId.apply(event)),
                        value.apply(event))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new SendException("Kafka at " + bootstrap + " did not acknowledge every event: " + e.getCause(),
                    true, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendException("interrupted while sending to Kafka", true, e);
        } catch (RuntimeException e) {
            throw new SendException("cannot send to Kafka at " + bootstrap + ": " + e, true, e);
        }
        return SendResult.allAccepted(events.size());
    }

    @Override
    public String describe() {
        return "Kafka at " + bootstrap + " (topic " + Topics.RAW_TURNS.name() + ", tenant " + tenant + ")";
    }

    @Override
    public void close() {
        producer.close();
    }
}
