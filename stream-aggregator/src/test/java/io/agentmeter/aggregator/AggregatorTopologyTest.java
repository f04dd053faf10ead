package io.agentmeter.aggregator;

import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.writer.sink.RollupRows;
import io.agentmeter.pricing.CostStatus;
import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.pricing.TokenRates;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.schema.kafka.DeadLetterHeaders;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.TokenCount;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.WindowSize;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

class AggregatorTopologyTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-03T00:00:00Z");
    static final BigDecimal IN_RATE = new BigDecimal("0.000001");
    static final BigDecimal OUT_RATE = new BigDecimal("0.000002");

    @TempDir
    Path stateDir;

    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    TestInputTopic<String, ModelPriceUpdate> prices;
    TestOutputTopic<String, PricedTurn> priced;
    TestOutputTopic<String, byte[]> dlq;
    /** Every priced turn emitted so far, read or not by the test. */
    final List<PricedTurn> emitted = new ArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        var topology = AggregatorTopology.build(TopologySettings.defaults(), PriceBook.empty(),
                new AggregatorMetrics(registry), Clock.fixed(NOW, ZoneOffset.UTC));
        driver = new TopologyTestDriver(topology, props, NOW);
        raw = input(Topics.RAW_TURNS);
        prices = input(Topics.MODEL_PRICES);
        priced = output(Topics.PRICED_TURNS);
        dlq = output(Topics.TURNS_DLQ);
        publishPrice("test-model", Instant.EPOCH, "v1", IN_RATE, OUT_RATE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldDropADuplicateEventId() {
        TurnEvent turn = TestTurns.turn("e1", T0).build();
        send(turn);
        send(turn);
        send(TestTurns.turn("e1", T0.plusSeconds(5)).build()); // same id, even with other content

        assertThat(newlyPriced()).hasSize(1);
        assertThat(latestSession("s1").totals().turns()).isEqualTo(1);
        assertThat(model(WindowSize.ONE_MINUTE, T0).totals().turns()).isEqualTo(1);
        assertThat(registry.counter("agentmeter_turns_duplicate").count()).isEqualTo(2);
        assertThat(registry.counter("agentmeter_turns_conflicting_duplicate").count()).isEqualTo(1);
    }

    @Test
    void shouldLetTheFirstCopyOfOldHistoryWinOverALaterCopyWithTheCurrentTime() {
        Instant thirteenDaysAgo = NOW.minus(Duration.ofDays(13));
        send(TestTurns.turn("hello-1", thirteenDaysAgo).tokens(1200L, 300L).build());
        send(TestTurns.turn("hello-1", NOW.minusSeconds(5)).tokens(1200L, 300L).build());

        assertThat(newlyPriced()).extracting(p -> p.turn().occurredAt()).containsExactly(thirteenDaysAgo);
        SessionRollup session = latestSession("s1");
        assertThat(session.totals().turns()).isEqualTo(1);
        assertThat(session.totals().firstSeen()).isEqualTo(thirteenDaysAgo);
        assertThat(session.totals().lastSeen()).isEqualTo(thirteenDaysAgo);
        assertThat(model(WindowSize.ONE_HOUR, WindowSize.ONE_HOUR.windowStart(thirteenDaysAgo)).totals().turns())
                .isEqualTo(1);
        assertThat(model(WindowSize.ONE_HOUR, WindowSize.ONE_HOUR.windowStart(NOW.minusSeconds(5)))).isNull();
        assertThat(registry.counter("agentmeter_turns_duplicate").count()).isEqualTo(1);
    }

    @Test
    void shouldSendAConflictingCopyToTheDlqWithTheReasonAndDropAnIdenticalOne() {
        TurnEvent first = TestTurns.turn("e1", T0).tokens(100L, 10L).build();
        send(first);
        send(first);
        send(TestTurns.turn("e1", T0).tokens(999L, 10L).build());
        send(TestTurns.turn("e1", T0.plusSeconds(60)).tokens(100L, 10L).build());

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).startsWith("conflicting_duplicate of event_id e1");
        assertThat(header(dead.get(0), DeadLetterHeaders.ERRORS)).contains("\"path\":\"$\"");
        assertThat(header(dead.get(1), DeadLetterHeaders.ERRORS)).contains("$.occurred_at").contains(T0.toString());
        assertThat(header(dead.get(1), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RAW_TURNS.name());
        assertThat(newlyPriced()).singleElement()
                .satisfies(p -> assertThat(p.turn().usage().inputTokens()).isEqualTo(100L));
        assertThat(latestSession("s1").totals().inputTokens()).isEqualTo(new TokenCount(100L, 1));
        assertThat(registry.counter("agentmeter_turns_duplicate").count()).isEqualTo(3);
        assertThat(registry.counter("agentmeter_turns_conflicting_duplicate").count()).isEqualTo(2);
    }

    @Test
    void shouldRememberAnIdByArrivalForTheHorizonAndForgetItAfter() {
        Instant lastYear = NOW.minus(Duration.ofDays(365));
        send(TestTurns.turn("old", lastYear).build());
        driver.advanceWallClockTime(Duration.ofDays(29));
        send(TestTurns.turn("old", lastYear).build());
        assertThat(newlyPriced()).hasSize(1);

        // Past the horizon (30 days of arrival) the id is forgotten; PostgreSQL's turn_keys guards turns from here.
        driver.advanceWallClockTime(Duration.ofDays(2));
        send(TestTurns.turn("old", lastYear).build());
        assertThat(newlyPriced()).extracting(p -> p.turn().eventId()).containsExactly("old");
    }

    @Test
    void shouldCountHistoryOfAnyAgeInItsSessionAndWindowsAndFlagItLateOnlyBehindItsPartition() {
        Instant old = NOW.minus(Duration.ofDays(400));
        send(TestTurns.turn("live", T0).build());
        send(TestTurns.turn("imported", old).tokens(1000L, 100L).build());

        assertThat(newlyPriced()).extracting(PricedTurn::late).containsExactly(false, true);
        assertThat(latestSession("s1").totals().turns()).isEqualTo(2);
        assertThat(model(WindowSize.ONE_MINUTE, WindowSize.ONE_MINUTE.windowStart(old)).totals().turns()).isEqualTo(1);
        assertThat(model(WindowSize.ONE_DAY, WindowSize.ONE_DAY.windowStart(old)).totals().turns()).isEqualTo(1);
        assertThat(registry.counter("agentmeter_turns_late_for_window", "window_size", "1d").count()).isEqualTo(1);
    }

    @Test
    void shouldFlowEachCostRuleThroughToRollups() {
        send(TestTurns.turn("priced", T0).tokens(1000L, 100L).build());
        send(TestTurns.turn("reported", T0.plusSeconds(1)).tokens(1000L, 100L).reported("0.5").build());
        send(TestTurns.turn("unpriced", T0.plusSeconds(2)).model("no-such-model").build());
        send(TestTurns.turn("incomplete", T0.plusSeconds(3)).tokens(1000L, null).build());

        Map<String, CostStatus> statuses = new java.util.HashMap<>();
        newlyPriced().forEach(p -> statuses.put(p.turn().eventId(), p.cost().status()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("priced", CostStatus.PRICED,
                "reported", CostStatus.REPORTED, "unpriced", CostStatus.UNPRICED, "incomplete", CostStatus.INCOMPLETE));

        BigDecimal pricedCost = IN_RATE.multiply(BigDecimal.valueOf(1000)).add(OUT_RATE.multiply(BigDecimal.valueOf(100)));
        Rollup session = latestSession("s1").totals();
        assertThat(session.turns()).isEqualTo(4);
        assertThat(session.costTurns()).isEqualTo(2);
        assertThat(session.costUsd()).isEqualByComparingTo(pricedCost.add(new BigDecimal("0.5")));
        assertThat(session.unpricedTurns()).isEqualTo(1);
        assertThat(session.incompleteCostTurns()).isEqualTo(1);
        assertThat(session.costBreakdown().get("input")).isEqualByComparingTo(new BigDecimal("0.003"));

        Map<String, ModelRollup> all = rollups().models();
        Rollup testModel = all.get(modelKey(WindowSize.ONE_HOUR, T0)).totals();
        assertThat(testModel.turns()).isEqualTo(3);
        assertThat(testModel.costUsd()).isEqualByComparingTo(pricedCost.add(new BigDecimal("0.5")));
        assertThat(testModel.incompleteCostTurns()).isEqualTo(1);
        Rollup unknown = all.get(RollupKeys.windowed("acme", WindowSize.ONE_HOUR, T0, "p1", "testprov",
                "no-such-model")).totals();
        assertThat(unknown.unpricedTurns()).isEqualTo(1);
        assertThat(unknown.costUsd()).isNull();
        assertThat(unknown.costTurns()).isZero();
    }

    @Test
    void shouldKeepAnUnpricedModelsCostUnknownNotZero() {
        send(TestTurns.turn("u1", T0).model("mystery-1").provider(null).build());

        PricedTurn turn = newlyPriced().get(0);
        assertThat(turn.cost().status()).isEqualTo(CostStatus.UNPRICED);
        assertThat(turn.cost().totalUsd()).isNull();
        Rollup session = latestSession("s1").totals();
        assertThat(session.costUsd()).isNull();
        assertThat(session.unpricedTurns()).isEqualTo(1);
        assertThat(session.costTurns()).isZero();
    }

    @Test
    void shouldRollOverToANewWindow() {
        send(TestTurns.turn("a", T0.plusSeconds(30)).build());
        send(TestTurns.turn("b", T0.plusSeconds(70)).build());
        send(TestTurns.turn("c", T0.plusSeconds(3601)).build());

        Map<String, ModelRollup> all = rollups().models();
        assertThat(all.get(modelKey(WindowSize.ONE_MINUTE, T0)).totals().turns()).isEqualTo(1);
        assertThat(all.get(modelKey(WindowSize.ONE_MINUTE, T0.plusSeconds(60))).totals().turns()).isEqualTo(1);
        assertThat(all.get(modelKey(WindowSize.ONE_HOUR, T0)).totals().turns()).isEqualTo(2);
        assertThat(all.get(modelKey(WindowSize.ONE_HOUR, T0.plusSeconds(3600))).totals().turns()).isEqualTo(1);
        assertThat(all.get(modelKey(WindowSize.ONE_DAY, Instant.parse("2026-03-02T00:00:00Z"))).totals().turns())
                .isEqualTo(3);
        ModelRollup window = all.get(modelKey(WindowSize.ONE_MINUTE, T0.plusSeconds(60)));
        assertThat(window.windowStart()).isEqualTo(T0.plusSeconds(60));
        assertThat(window.windowEnd()).isEqualTo(T0.plusSeconds(120));
        assertThat(window.windowSize()).isEqualTo(WindowSize.ONE_MINUTE);
    }

    @Test
    void shouldFlagALateTurnAndStillCountItInEveryWindow() {
        send(TestTurns.turn("first", T0).build());
        send(TestTurns.turn("newest", T0.plusSeconds(600)).build()); // stream time 10:10
        // 10:01 is past the 1m window's end (10:02) + grace (2m), but its hour and day are still open.
        send(TestTurns.turn("late", T0.plusSeconds(60)).build());

        List<PricedTurn> out = newlyPriced();
        assertThat(out).extracting(p -> p.turn().eventId()).containsExactly("first", "newest", "late");
        assertThat(out).extracting(PricedTurn::late).containsExactly(false, false, true);

        Map<String, ModelRollup> all = rollups().models();
        assertThat(all.get(modelKey(WindowSize.ONE_MINUTE, T0.plusSeconds(60))).totals().turns()).isEqualTo(1);
        assertThat(all.get(modelKey(WindowSize.ONE_HOUR, T0)).totals().turns()).isEqualTo(3);
        assertThat(latestSession("s1").totals().turns()).isEqualTo(3);
        assertThat(registry.counter("agentmeter_turns_late").count()).isEqualTo(1);
    }

    @Test
    void shouldSendAMalformedRecordToTheDlqAndProcessTheNextOne() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(Keys.session(TestTurns.TENANT, "s1"), garbage);
        byte[] invalid = "{\"event_id\":\"x\",\"session_id\":\"s1\",\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        raw.pipeInput(Keys.session(TestTurns.TENANT, "s1"), invalid);
        send(TestTurns.turn("good", T0).build());

        List<TestRecord<String, byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).contains("not valid JSON");
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RAW_TURNS.name());
        assertThat(dead.get(1).value()).isEqualTo(invalid);
        assertThat(header(dead.get(1), DeadLetterHeaders.ERRORS)).contains("occurred_at");
        assertThat(newlyPriced()).extracting(p -> p.turn().eventId()).containsExactly("good");
    }

    @Test
    void shouldKeepMissingTokensMissingAndShowThemInCoverage() {
        send(TestTurns.turn("no-usage", T0).usage(null).build());
        send(TestTurns.turn("input-only", T0.plusSeconds(1)).usage(new Usage(500L, null, 0L, null, null, null, null))
                .build());

        Rollup totals = latestSession("s1").totals();
        assertThat(totals.turns()).isEqualTo(2);
        assertThat(totals.inputTokens()).isEqualTo(new TokenCount(500L, 1));
        assertThat(totals.cacheReadTokens()).isEqualTo(new TokenCount(0L, 1));
        assertThat(totals.outputTokens()).isEqualTo(new TokenCount(null, 0));
        assertThat(totals.reasoningTokens()).isEqualTo(TokenCount.NONE);
        assertThat(totals.costUsd()).isNull();
        assertThat(totals.incompleteCostTurns()).isEqualTo(2);
    }

    @Test
    void shouldApplyAPriceChangeFromItsEffectiveTime() {
        BigDecimal newInput = new BigDecimal("0.00001");
        publishPrice("test-model", T0.plusSeconds(1800), "v2", newInput, OUT_RATE);
        send(TestTurns.turn("before", T0.plusSeconds(1799)).tokens(1000L, 0L).build());
        send(TestTurns.turn("after", T0.plusSeconds(1800)).tokens(1000L, 0L).build());

        Map<String, PricedTurn> byId = new java.util.HashMap<>();
        newlyPriced().forEach(p -> byId.put(p.turn().eventId(), p));
        assertThat(byId.get("before").cost().priceVersion()).isEqualTo("v1");
        assertThat(byId.get("before").cost().totalUsd()).isEqualByComparingTo("0.001");
        assertThat(byId.get("after").cost().priceVersion()).isEqualTo("v2");
        assertThat(byId.get("after").cost().totalUsd()).isEqualByComparingTo("0.01");
        assertThat(latestSession("s1").totals().costUsd()).isEqualByComparingTo("0.011");
    }

    @Test
    void shouldPreferATenantOverride() {
        publishPrice("acme", "test-model", Instant.EPOCH, "acme-deal", new BigDecimal("0.0000005"), OUT_RATE);
        send(TestTurns.turn("t", T0).tokens(1000L, 0L).build());
        send(TestTurns.turn("other", T0).tenant("globex").tokens(1000L, 0L).build());

        Map<String, PricedTurn> byTenant = new java.util.HashMap<>();
        newlyPriced().forEach(p -> byTenant.put(p.turn().tenantId(), p));
        assertThat(byTenant.get("acme").cost().priceVersion()).isEqualTo("acme-deal");
        assertThat(byTenant.get("globex").cost().priceVersion()).isEqualTo("v1");
    }

    @Test
    void shouldLeaveRecordingsToTheirTimeSpansAndKeepAnExplicitRecordingId() {
        // Recordings are resolved by time where the turns are read (see docs/architecture.md): the aggregator tags
        // nothing, so the arrival order of turns, starts and stops cannot matter.
        send(TestTurns.turn("untagged", T0).user("u1").build());
        send(TestTurns.turn("explicit", T0.plusSeconds(1)).user("u1").recording("rec-9").build());

        Map<String, String> recordingById = new java.util.HashMap<>();
        newlyPriced().forEach(p -> recordingById.put(p.turn().eventId(),
                String.valueOf(p.turn().recordingId())));
        assertThat(recordingById).containsExactlyInAnyOrderEntriesOf(Map.of("untagged", "null", "explicit", "rec-9"));
    }

    @Test
    void shouldRekeyATurnKeyedByAnythingButItsSession() {
        raw.pipeInput("whatever", TurnEventWriter.toBytes(TestTurns.turn("k1", T0).build()), T0);
        raw.pipeInput((String) null, TurnEventWriter.toBytes(TestTurns.turn("k1", T0).build()), T0);

        List<KeyValue<String, PricedTurn>> out = newlyPricedWithKeys();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(Keys.session("acme", "s1"));
    }

    @Test
    void shouldRollUpPerAgentAndPerTool() {
        send(TestTurns.turn("t1", T0).agent("coder").tools(new ToolUse("search", 2, 300L, null, null),
                new ToolUse("bash", 1, 50L, 10L, 20L), new ToolUse("search", 1, 100L, null, null)).build());
        send(TestTurns.turn("t2", T0.plusSeconds(1)).agent(null).tools(new ToolUse("bash", 3, null, null, null))
                .build());

        Map<String, AgentRollup> agentRollups = rollups().agents();
        assertThat(agentRollups.get(RollupKeys.windowed("acme", WindowSize.ONE_MINUTE, T0, "coder"))
                .totals().turns()).isEqualTo(1);
        assertThat(agentRollups.get(RollupKeys.windowed("acme", WindowSize.ONE_MINUTE, T0, (String) null))
                .agent()).isEqualTo("");

        Map<String, ToolRollup> toolRollups = rollups().tools();
        ToolRollup search = toolRollups.get(RollupKeys.windowed("acme", WindowSize.ONE_MINUTE, T0, "search"));
        assertThat(search.totals().turns()).isEqualTo(1);
        assertThat(search.toolUsage().calls()).isEqualTo(3);
        assertThat(search.toolUsage().durationMs()).isEqualTo(400);
        assertThat(search.toolUsage().inputTokens()).isNull();
        ToolRollup bash = toolRollups.get(RollupKeys.windowed("acme", WindowSize.ONE_MINUTE, T0, "bash"));
        assertThat(bash.totals().turns()).isEqualTo(2);
        assertThat(bash.toolUsage().calls()).isEqualTo(4);
        assertThat(bash.toolUsage().inputTokens()).isEqualTo(10);
    }

    @Test
    void shouldCarryDurationsAndLatencyQuantiles() {
        for (int i = 1; i <= 100; i++) {
            send(TestTurns.turn("d" + i, T0.plusMillis(i)).duration((long) i * 10).build());
        }
        Rollup totals = latestSession("s1").totals();
        assertThat(totals.durationMsMin()).isEqualTo(10);
        assertThat(totals.durationMsMax()).isEqualTo(1000);
        assertThat(totals.durationMsSum()).isEqualTo(50500);
        assertThat(totals.latencyP50Ms()).isBetween(490.0, 510.0);
        assertThat(totals.latencyP99Ms()).isBetween(980.0, 1000.0 * 1.01);
        assertThat(totals.version()).isEqualTo(100);
    }

    // ---- helpers ----

    private void send(TurnEvent turn) {
        raw.pipeInput(Keys.session(turn.tenantId(), turn.sessionId()), TurnEventWriter.toBytes(turn),
                turn.occurredAt());
    }

    private void publishPrice(String model, Instant from, String version, BigDecimal in, BigDecimal out) {
        publishPrice(null, model, from, version, in, out);
    }

    private void publishPrice(String tenant, String model, Instant from, String version, BigDecimal in,
                              BigDecimal out) {
        ModelPriceUpdate update = new ModelPriceUpdate(tenant, model, "testprov", from, version,
                new TokenRates(in, out, null, null, null, null), List.of());
        prices.pipeInput(update.key().toString(), update);
    }

    /** The priced turns emitted since the last call. */
    private List<PricedTurn> newlyPriced() {
        return newlyPricedWithKeys().stream().map(kv -> kv.value).toList();
    }

    private List<KeyValue<String, PricedTurn>> newlyPricedWithKeys() {
        List<KeyValue<String, PricedTurn>> out = priced.readKeyValuesToList();
        out.forEach(kv -> emitted.add(kv.value));
        return out;
    }

    /** What the sink adds to the rollups for every turn emitted so far (each emitted turn is a first copy). */
    private RollupRows rollups() {
        newlyPriced();
        return RollupRows.of(emitted);
    }

    private SessionRollup latestSession(String session) {
        return rollups().sessions().get(Keys.session(TestTurns.TENANT, session));
    }

    private static String modelKey(WindowSize size, Instant start) {
        return RollupKeys.windowed("acme", size, start, "p1", "testprov", "test-model");
    }

    private ModelRollup model(WindowSize size, Instant start) {
        return rollups().models().get(modelKey(size, start));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

}
