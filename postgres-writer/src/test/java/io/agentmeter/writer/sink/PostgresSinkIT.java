package io.agentmeter.writer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.WriterStack;
import io.agentmeter.writer.jdbc.JdbcStorage;
import io.agentmeter.localstack.LocalStack;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink against a real broker and PostgreSQL: a turn read twice, or a batch read again after a crash between the
 * transaction and the offset commit, counts once in the rollups (PostgreSQL's key guard decides what is new).
 */
class PostgresSinkIT {

    private static final String GROUP = "sink-it";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = WriterStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldCountATurnOnceInItsRollupsHoweverOftenItIsReadAgain() throws Exception {
        TurnEvent event = new TurnEvent(1, "acme", "sink-it-1", Instant.now(), "s-replay", "gpt-5", "openai", "p1",
                "planner", null, null, null, null, null, 1500L, "ok", null, null, null, null, null, null, null, null,
                null, null);
        PricedTurn turn = new PricedTurn(event, CostEngine.price(event, PriceBook.loadShipped()), false);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.PRICED_TURNS, turn);
            send(producer, Topics.PRICED_TURNS, turn); // a producer retry's copy, as read_committed may still see it
        }

        try (RunningSink sink = new RunningSink()) {
            Await.until(() -> committed(Topics.PRICED_TURNS) == 2, WAIT, () -> "turns not committed");
        }
        assertThat(count("SELECT turns FROM session_rollups WHERE session_id = 's-replay'")).isEqualTo(1);

        // A sink that crashed after its transaction but before its offset commit reads the batch again.
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(Topics.PRICED_TURNS.name(), 0),
                    new OffsetAndMetadata(0))).all().get();
        }
        try (RunningSink sink = new RunningSink()) {
            Await.sleep(500);
            Await.until(() -> committed(Topics.PRICED_TURNS) == 2, WAIT, () -> "replay not committed");
        }
        assertThat(count("SELECT count(*) FROM turns WHERE session_id = 's-replay'")).isEqualTo(1);
        assertThat(count("SELECT turns FROM session_rollups WHERE session_id = 's-replay'"))
                .as("the replayed batch adds nothing").isEqualTo(1);
        assertThat(count("SELECT sum(turns) FROM model_rollups WHERE tenant_id = 'acme' AND window_size = '1h'"
                + " AND model = 'gpt-5'")).isEqualTo(1);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new java.util.HashMap<>(stack.kafka().clientConfig());
        config.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), Keys.session("acme", "s-replay"),
                topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    /** The group's committed offset on the topic's only partition; 0 when none. */
    private static long committed(Topic<String, ?> topic) {
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic.name(), 0));
            return offset == null ? 0 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection c = stack.postgres().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sink on its own thread, stopped on close. */
    private static final class RunningSink implements AutoCloseable {
        private final PostgresSink sink;

        RunningSink() {
            sink = new PostgresSink<>(stack.kafka().bootstrapServers(), GROUP, GROUP + "-1", SinkKind.PRICED_TURNS,
                    new JdbcStorage(stack.postgres().jdbcUrl(), stack.postgres().username(),
                            stack.postgres().password()), 5000, Duration.ofMillis(100),
                    Duration.ofSeconds(1), Optional.empty(), new SimpleMeterRegistry(), SinkListener.none());
            Thread thread = new Thread(sink, "sink-it");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
