package io.agentmeter.schema.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.pricing.CostEngine;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TurnCost;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.db.TurnRowWriter;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.Keys;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation end to end on real parts: a turn goes through the topic catalogue's serdes to a real KRaft broker
 * and back, is priced with the shipped price book, and lands as one row in a real PostgreSQL migrated from empty.
 */
class FoundationIT {

    private static LocalKafka kafka;
    private static LocalPostgres postgres;

    @BeforeAll
    static void startStack() {
        kafka = LocalKafka.startEphemeral();
        postgres = LocalPostgres.startEphemeral();
    }

    @AfterAll
    static void stopStack() {
        kafka.close();
        postgres.close();
    }

    @Test
    void shouldCreateEveryCatalogueTopicWithItsCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator.ensure(admin, Topics.all(), Optional.empty(), (short) 1, Duration.ofSeconds(30));
            var names = Topics.all().stream().map(t -> t.name()).toList();
            var configs = admin.describeConfigs(names.stream()
                    .map(n -> new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n))
                    .toList()).all().get();
            for (var topic : Topics.all()) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic.name());
                assertThat(configs.get(resource).get("cleanup.policy").value())
                        .as(topic.name()).isEqualTo(topic.cleanupPolicy());
            }
            // A second call finds everything in place and creates nothing.
            assertThat(TopicCreator.ensure(admin, Topics.all(), Optional.empty(), (short) 1, Duration.ofSeconds(30)))
                    .isEmpty();
        }
    }

    @Test
    void shouldReadBackFromTheBrokerTheTurnItSent() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicCreator.ensure(admin, List.of(Topics.RAW_TURNS), Optional.empty(), (short) 1, Duration.ofSeconds(30));
        }
        TurnEvent sent = sampleTurn("gpt-5", new Usage(10_000L, 3_000L, 8_000L, null, null, null, 13_000L));
        String key = Keys.session(sent.tenantId(), sent.sessionId());
        byte[] bytes = io.agentmeter.schema.event.TurnEventWriter.toBytes(sent);

        Map<String, Object> producerConfig = kafka.clientConfig();
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerConfig, Topics.RAW_TURNS.keySerde().serializer(),
                Topics.RAW_TURNS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW_TURNS.name(), key, bytes)).get();
        }

        Map<String, Object> consumerConfig = kafka.clientConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "foundation-it-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig, Topics.RAW_TURNS.keySerde().deserializer(),
                Topics.RAW_TURNS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RAW_TURNS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.stream().noneMatch(r -> r.key().equals(key)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        ConsumerRecord<String, byte[]> record = received.stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("the turn never came back from the broker"));
        TurnEvent readBack = new TurnEventReader().read(record.value()).orElseThrow();
        assertThat(readBack).isEqualTo(sent);
    }

    @Test
    void shouldWriteOnePricedTurnRowAfterEveryMigrationOnAnEmptyDatabase() throws Exception {
        String database = "foundation_" + Long.toHexString(System.nanoTime());
        postgres.createDatabase(database);
        var dataSource = postgres.dataSource(database);
        assertThat(Migrations.apply(dataSource)).isGreaterThanOrEqualTo(4);

        TurnEvent turn = sampleTurn("gpt-5", new Usage(10_000L, 3_000L, 8_000L, null, null, null, null));
        TurnCost cost = CostEngine.price(turn, PriceBook.loadShipped());
        assertThat(cost.status()).isEqualTo(CostStatus.PRICED);
        PricedTurn priced = new PricedTurn(turn, cost, false);

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(TurnRowWriter.insert(connection, List.of(priced))).isEqualTo(1);
            // The same turn again, as after a retried batch: nothing more is written.
            assertThat(TurnRowWriter.insert(connection, List.of(priced))).isZero();
            connection.commit();

            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) OVER () AS n, cost_usd, cost_status, "
                         + "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, "
                         + "price_version, tableoid::regclass::text AS part FROM turns WHERE event_id = '"
                         + turn.eventId() + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt("n")).isEqualTo(1);
                // 2,000 uncached x $1.25/M + 8,000 cached x $0.125/M + 3,000 output x $10/M
                assertThat(row.getBigDecimal("cost_usd")).isEqualByComparingTo(new BigDecimal("0.0335"));
                assertThat(row.getString("cost_status")).isEqualTo("priced");
                assertThat(row.getLong("input_tokens")).isEqualTo(10_000L);
                assertThat(row.getLong("cache_read_tokens")).isEqualTo(8_000L);
                assertNull(row, "cache_write_tokens");
                assertNull(row, "reasoning_tokens");
                assertThat(row.getString("price_version")).startsWith("litellm@");
                assertThat(row.getString("part")).as("monthly partition").startsWith("turns_2");
            }
        }
    }

    private static void assertNull(ResultSet row, String column) throws SQLException {
        row.getLong(column);
        assertThat(row.wasNull()).as(column + " is NULL (not reported), not 0").isTrue();
    }

    private static TurnEvent sampleTurn(String model, Usage usage) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        return new TurnEvent(1, "acme", "evt-" + UUID.randomUUID(), at, "session-1", model, "openai", "demo",
                "planner", "user-1", null, null, 3, at.minusMillis(1_500), 1_500L, "ok", null, usage, null, null,
                null, null, null, null, Map.of("env", "test"), null);
    }
}
