package io.agentmeter.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.aggregator.it.EndToEndHarness;
import io.agentmeter.aggregator.sink.jdbc.JdbcStorage;
import io.agentmeter.localstack.LocalStack;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.SessionRollup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * The sink against a real broker and PostgreSQL: rollups that wait for a later write keep their partitions' offsets
 * uncommitted, so a sink stopped meanwhile loses none of them.
 */
class PostgresSinkIT {

    private static final String GROUP = "sink-it";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EndToEndHarness harness;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        harness = new EndToEndHarness(1);
        stack = harness.stack;
        Migrations.apply(stack.postgres().dataSource());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldCommitRollupOffsetsOnlyOnceTheRollupsAreWrittenSoAStoppedSinkLosesNone() throws Exception {
        TurnEvent event = new TurnEvent(1, "acme", "sink-it-1", Instant.now(), "s-wait", "gpt-5", "openai", "p1",
                "planner", null, null, null, null, null, 1500L, "ok", null, null, null, null, null, null, null, null,
                null, null);
        PricedTurn turn = new PricedTurn(event, CostEngine.price(event, PriceBook.loadShipped()), false);
        try (KafkaProducer<String, byte[]> producer = harness.producer()) {
            send(producer, Topics.PRICED_TURNS, turn);
            send(producer, Topics.SESSION_ROLLUPS, SessionRollup.EMPTY.plus(turn));
        }

        try (RunningSink sink = new RunningSink(Duration.ofHours(1))) {
            EndToEndHarness.await(() -> count("SELECT count(*) FROM turns WHERE session_id = 's-wait'") == 1
                    && committed(Topics.PRICED_TURNS) == 1, WAIT, () -> "turn not written and committed");
            EndToEndHarness.sleep(500);
            assertThat(count("SELECT count(*) FROM session_rollups WHERE session_id = 's-wait'"))
                    .as("the rollup waits").isZero();
            assertThat(committed(Topics.SESSION_ROLLUPS)).as("its offset too").isZero();
        }

        try (RunningSink sink = new RunningSink(Duration.ZERO)) {
            EndToEndHarness.await(() -> count("SELECT count(*) FROM session_rollups WHERE session_id = 's-wait'")
                    == 1 && committed(Topics.SESSION_ROLLUPS) == 1, WAIT, () -> "rollup not re-read and written");
        }
        assertThat(count("SELECT turns FROM session_rollups WHERE session_id = 's-wait'")).isEqualTo(1);
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), Keys.session("acme", "s-wait"),
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

    @Test
    void shouldStartTheRollupGroupWhereTheSingleSinkLeftTheRollupTopics() throws Exception {
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            // The one sink of earlier versions committed turns and rollups in one group.
            TopicPartition turns = new TopicPartition(Topics.PRICED_TURNS.name(), 0);
            TopicPartition sessions = new TopicPartition(Topics.SESSION_ROLLUPS.name(), 0);
            TopicPartition models = new TopicPartition(Topics.MODEL_ROLLUPS.name(), 0);
            admin.alterConsumerGroupOffsets("upgraded", Map.of(turns, new OffsetAndMetadata(40),
                    sessions, new OffsetAndMetadata(7), models, new OffsetAndMetadata(3))).all().get();

            assertThat(RollupGroupSeed.seed(admin, "upgraded", "upgraded-rollups")).isEqualTo(2);
            assertThat(offsets(admin, "upgraded-rollups")).isEqualTo(Map.of(sessions, 7L, models, 3L));

            // Once it has offsets of its own, the rollup group is never seeded again.
            admin.alterConsumerGroupOffsets("upgraded", Map.of(sessions, new OffsetAndMetadata(9))).all().get();
            assertThat(RollupGroupSeed.seed(admin, "upgraded", "upgraded-rollups")).isZero();
            assertThat(offsets(admin, "upgraded-rollups")).isEqualTo(Map.of(sessions, 7L, models, 3L));

            // A new installation has nothing to take over.
            assertThat(RollupGroupSeed.seed(admin, "fresh", "fresh-rollups")).isZero();
            assertThat(offsets(admin, "fresh-rollups")).isEmpty();
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((partition, offset) -> offsets.put(partition, offset.offset()));
        return offsets;
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

        RunningSink(Duration rollupMaxWait) {
            sink = new PostgresSink(stack.kafka().bootstrapServers(), GROUP, SinkTopics.ALL,
                    new JdbcStorage(stack.postgres().jdbcUrl(), stack.postgres().username(),
                            stack.postgres().password()), 5000, Duration.ofMillis(100), rollupMaxWait,
                    Duration.ofSeconds(1), Optional.empty(), new SimpleMeterRegistry(), SinkListener.NONE);
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
