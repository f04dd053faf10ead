package io.agentmeter.aggregator;

import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.kafka.DeadLetterHeaders;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tenant a direct-Kafka record belongs to when its key and its value both name one (issue 18, defect 4). */
class RecordTenantTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-03T00:00:00Z");

    @TempDir
    Path stateDir;

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    TestOutputTopic<String, PricedTurn> priced;
    TestOutputTopic<String, byte[]> dlq;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "record-tenant-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AggregatorTopology.build(TopologySettings.defaults(), PriceBook.empty(),
                new AggregatorMetrics(registry), Clock.fixed(NOW, ZoneOffset.UTC)), props, NOW);
        raw = driver.createInputTopic(Topics.RAW_TURNS.name(), Topics.RAW_TURNS.keySerde().serializer(),
                Topics.RAW_TURNS.valueSerde().serializer());
        priced = driver.createOutputTopic(Topics.PRICED_TURNS.name(), Topics.PRICED_TURNS.keySerde().deserializer(),
                Topics.PRICED_TURNS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.TURNS_DLQ.name(), Topics.TURNS_DLQ.keySerde().deserializer(),
                Topics.TURNS_DLQ.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldDeadLetterATurnWhoseKeyNamesAnotherTenantThanItsValue() {
        byte[] value = TurnEventWriter.toBytes(TestTurns.turn("e1", T0).tenant("victim").build());
        raw.pipeInput(Keys.session("acme", "s1"), value, T0);

        assertThat(priced.readValuesToList()).isEmpty();
        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(value);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON))
                .contains("tenant_id").contains("victim").contains("acme");
        assertThat(header(dead.get(0), DeadLetterHeaders.ERRORS)).contains("$.tenant_id");
        assertThat(registry.counter("agentmeter_turns_dlq").count()).isEqualTo(1);
    }

    @Test
    void shouldAcceptATurnWhoseKeyAndValueNameTheSameTenant() {
        raw.pipeInput(Keys.session("acme", "s1"), TurnEventWriter.toBytes(TestTurns.turn("e1", T0).build()), T0);

        assertThat(dlq.readRecordsToList()).isEmpty();
        List<KeyValue<String, PricedTurn>> out = priced.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly(Keys.session("acme", "s1"));
    }

    @Test
    void shouldTakeTheKeysTenantWhenTheValueHasNone() {
        raw.pipeInput(Keys.session("acme", "s1"),
                TurnEventWriter.toBytes(TestTurns.turn("e1", T0).tenant(null).build()), T0);

        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(priced.readValuesToList()).extracting(p -> p.turn().tenantId()).containsExactly("acme");
    }

    @Test
    void shouldTakeTheValuesTenantWhenTheKeyNamesNone() {
        raw.pipeInput("no-tenant-prefix", TurnEventWriter.toBytes(TestTurns.turn("e1", T0).build()), T0);

        assertThat(dlq.readRecordsToList()).isEmpty();
        assertThat(priced.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(Keys.session("acme", "s1"));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
