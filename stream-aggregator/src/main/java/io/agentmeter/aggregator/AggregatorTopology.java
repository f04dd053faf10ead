package io.agentmeter.aggregator;

import io.agentmeter.aggregator.dedupe.Deduped;
import io.agentmeter.aggregator.dedupe.DeduplicationProcessor;
import io.agentmeter.aggregator.dedupe.FirstCopy;
import io.agentmeter.aggregator.pricing.PriceBookUpdater;
import io.agentmeter.aggregator.pricing.PriceStep;
import io.agentmeter.aggregator.rollup.CommitBuffer;
import io.agentmeter.aggregator.rollup.LatenessProcessor;
import io.agentmeter.aggregator.rollup.RollupStoreSerdes;
import io.agentmeter.aggregator.rollup.RollupTurn;
import io.agentmeter.aggregator.rollup.SessionRollupProcessor;
import io.agentmeter.aggregator.rollup.WindowPartialsProcessor;
import io.agentmeter.aggregator.rollup.WindowedDimension;
import io.agentmeter.aggregator.validate.ValidateProcessor;
import io.agentmeter.aggregator.validate.Validated;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.kafka.JsonSerde;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.RollupKeys;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import io.agentmeter.schema.rollup.WindowSize;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregator's Kafka Streams topology. It reads like the pipeline:
 * <pre>
 *   agent-turns → validate (bad → agent-turns-dlq) → dedupe (conflicting copies → agent-turns-dlq) → price
 *     → mark late
 *     → priced-turns
 *     → roll up per session                          → session-rollups
 *     → sum each commit's turns per model / agent / tool × 1m, 1h, 1d window, then roll those sums up
 *                                                      → model-rollups, agent-rollups, tool-rollups
 * </pre>
 * Every processor, store and repartition topic is named (see docs/aggregator.md), so the topology can evolve without
 * losing state. Configuration and lifecycle live in {@link AggregatorMain}; tests build this same topology.
 */
public final class AggregatorTopology {

    /** The internal repartition topic for records whose key is not their {@code tenant:session_id}. */
    public static final String REKEYED = "turns-rekeyed";
    public static final String SESSION_STORE = "session-rollups-store";

    private static final Serde<String> STRING = Serdes.String();
    private static final Serde<TurnEvent> TURN = JsonSerde.of(TurnEvent.class);

    private AggregatorTopology() {
    }

    /**
     * @param settings dedupe horizon and window grace
     * @param prices   the instance's price book, seeded with the shipped prices; kept up to date from
     *                 {@code model-prices} by the topology
     * @param metrics  where the steps count rejects, duplicates and late turns
     * @param clock    the clock validation judges {@code occurred_at} by (future skew)
     */
    public static Topology build(TopologySettings settings, PriceBook prices, AggregatorMetrics metrics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        addGlobalStores(builder, prices, metrics);

        KStream<String, byte[]> raw = builder.stream(Topics.RAW_TURNS.name(),
                Consumed.with(Topics.RAW_TURNS.keySerde(), Topics.RAW_TURNS.valueSerde()).withName("raw-turns"));

        KStream<String, RollupTurn> turns = markLate(price(dedupe(validate(raw, metrics, clock),
                settings, metrics, builder), prices), settings, metrics, builder);

        toPricedTurns(turns);
        rollUpSessions(turns, metrics, builder);
        rollUpWindows(turns, settings, builder);
        return builder.build();
    }

    // ---- steps ----------------------------------------------------------------------------------------------

    /** Valid turns keyed {@code tenant:session_id} with event-time timestamps; everything else to the DLQ. */
    private static KStream<String, TurnEvent> validate(KStream<String, byte[]> raw, AggregatorMetrics metrics,
                                                      Clock clock) {
        TurnEventReader reader = new TurnEventReader(clock);
        Map<String, KStream<String, Validated>> branches = raw
                .processValues(() -> new ValidateProcessor(reader, metrics), Named.as("validate"))
                .split(Named.as("validated-"))
                .branch((key, v) -> !v.isValid(), Branched.as("rejected"))
                .branch((key, v) -> v.canonicalKey().equals(key), Branched.as("keyed"))
                .defaultBranch(Branched.as("misskeyed"));

        branches.get("validated-rejected")
                .mapValues(Validated::original, Named.as("dlq-original-bytes"))
                .to(Topics.TURNS_DLQ.name(), produced(Topics.TURNS_DLQ, "dlq-sink"));

        // A direct producer may key a turn by anything; dedupe and session rollups need tenant:session_id.
        KStream<String, TurnEvent> rekeyed = branches.get("validated-misskeyed")
                .map((key, v) -> KeyValue.pair(v.canonicalKey(), v.turn()), Named.as("rekey-by-session"))
                .repartition(Repartitioned.<String, TurnEvent>as(REKEYED).withKeySerde(STRING).withValueSerde(TURN));
        return branches.get("validated-keyed")
                .mapValues(Validated::turn, Named.as("valid-turn"))
                .merge(rekeyed, Named.as("all-valid-turns"));
    }

    /** First copies only; a later copy that conflicts with its first goes to the DLQ with the reason. */
    private static KStream<String, TurnEvent> dedupe(KStream<String, TurnEvent> turns, TopologySettings settings,
                                                     AggregatorMetrics metrics, StreamsBuilder builder) {
        Duration horizon = settings.dedupeHorizon();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DeduplicationProcessor.STORE, horizon, Duration.ofMillis(1), false),
                STRING, FirstCopy.serde()));
        Map<String, KStream<String, Deduped>> copies = turns
                .processValues(() -> new DeduplicationProcessor(horizon, metrics), Named.as("dedupe"),
                        DeduplicationProcessor.STORE)
                .split(Named.as("deduped-"))
                .branch((key, d) -> !d.isFirst(), Branched.as("conflicting"))
                .defaultBranch(Branched.as("first"));
        copies.get("deduped-conflicting")
                .mapValues(d -> TurnEventWriter.toBytes(d.turn()), Named.as("conflicting-copy-bytes"))
                .to(Topics.TURNS_DLQ.name(), produced(Topics.TURNS_DLQ, "conflicts-dlq-sink"));
        return copies.get("deduped-first").mapValues(Deduped::turn, Named.as("first-copy"));
    }

    private static KStream<String, PricedTurn> price(KStream<String, TurnEvent> turns, PriceBook prices) {
        PriceStep step = new PriceStep(prices);
        return turns.mapValues(step::price, Named.as("price"));
    }

    private static KStream<String, RollupTurn> markLate(KStream<String, PricedTurn> turns, TopologySettings settings,
                                                        AggregatorMetrics metrics, StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LatenessProcessor.STORE), STRING, Serdes.Long()).withCachingEnabled());
        return turns.processValues(() -> new LatenessProcessor(settings, metrics), Named.as("mark-late"),
                LatenessProcessor.STORE);
    }

    private static void toPricedTurns(KStream<String, RollupTurn> turns) {
        turns.mapValues(RollupTurn::priced, Named.as("priced-turn"))
                .to(Topics.PRICED_TURNS.name(), produced(Topics.PRICED_TURNS, "priced-turns-sink"));
    }

    /** Per session, not windowed: already keyed {@code tenant:session_id}, so no repartition. */
    private static void rollUpSessions(KStream<String, RollupTurn> turns, AggregatorMetrics metrics,
                                       StreamsBuilder builder) {
        String buffer = "session-partials-buffer";
        builder.addStateStore(CommitBuffer.builder(buffer));
        // Not cached: see SessionRollupProcessor. Same name, key and value format as the DSL aggregate's store was.
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(SESSION_STORE), STRING, RollupStoreSerdes.SESSION)
                .withCachingDisabled());
        turns.process(() -> new SessionRollupProcessor(SESSION_STORE, buffer, metrics), Named.as("session-rollups"),
                        SESSION_STORE, buffer)
                .to(Topics.SESSION_ROLLUPS.name(), produced(Topics.SESSION_ROLLUPS, "session-rollups-sink"));
    }

    /**
     * Per model, agent and tool: each commit's turns summed per window before one repartition per dimension
     * ({@link WindowPartialsProcessor}), then one tumbling-window aggregation of those sums per window size.
     */
    private static void rollUpWindows(KStream<String, RollupTurn> turns, TopologySettings settings,
                                      StreamsBuilder builder) {
        KStream<String, RollupTurn> windowed = turns
                .filter((key, t) -> t.countsInAnyWindow(), Named.as("window-rollup-input"));
        rollUp(windowed, MODEL, settings, builder);
        rollUp(windowed, AGENT, settings, builder);
        rollUp(windowed, TOOL, settings, builder);
    }

    private static final WindowedDimension<ModelRollup> MODEL = new WindowedDimension<>("model",
            Topics.MODEL_ROLLUPS, RollupStoreSerdes.MODEL, ModelRollup.EMPTY,
            t -> {
                TurnEvent turn = t.priced().turn();
                return List.of(KeyValue.pair(
                        RollupKeys.model(turn.tenantId(), turn.project(), turn.provider(), turn.model()), t));
            },
            (t, rollup) -> rollup.plus(t.priced()), ModelRollup::plus, ModelRollup::inWindow, ModelRollup::windowSize,
            ModelRollup::totals);

    private static final WindowedDimension<AgentRollup> AGENT = new WindowedDimension<>("agent",
            Topics.AGENT_ROLLUPS, RollupStoreSerdes.AGENT, AgentRollup.EMPTY,
            t -> List.of(KeyValue.pair(RollupKeys.agent(t.priced().turn().tenantId(), t.priced().turn().agent()), t)),
            (t, rollup) -> rollup.plus(t.priced()), AgentRollup::plus, AgentRollup::inWindow, AgentRollup::windowSize,
            AgentRollup::totals);

    private static final WindowedDimension<ToolRollup> TOOL = new WindowedDimension<>("tool",
            Topics.TOOL_ROLLUPS, RollupStoreSerdes.TOOL, ToolRollup.EMPTY, AggregatorTopology::byTool,
            (t, rollup) -> rollup.plus(t.priced(), t.tool()), ToolRollup::plus, ToolRollup::inWindow,
            ToolRollup::windowSize, ToolRollup::totals);

    private static <V> void rollUp(KStream<String, RollupTurn> turns, WindowedDimension<V> dimension,
                                   TopologySettings settings, StreamsBuilder builder) {
        String dim = dimension.name();
        String buffer = dim + "-window-partials-buffer";
        builder.addStateStore(CommitBuffer.builder(buffer));
        KStream<String, V> partials = turns
                .process(() -> new WindowPartialsProcessor<>(dimension, buffer), Named.as(dim + "-window-partials"),
                        buffer)
                .repartition(Repartitioned.<String, V>as(dim + "-rollup-partials")
                        .withKeySerde(STRING).withValueSerde(dimension.storeSerde()));
        for (WindowSize size : WindowSize.values()) {
            String name = dim + "-rollups-" + size.label();
            // Lateness was decided upstream (LatenessProcessor); the store's own grace only adds room for skew
            // between partitions, so it never drops what was accepted. A partial's timestamp is its newest turn's.
            Duration grace = settings.storeGraceOf(size);
            partials.filter((key, partial) -> dimension.sizeOf().apply(partial) == size, Named.as(name + "-input"))
                    .groupByKey(Grouped.with(name + "-group", STRING, dimension.storeSerde()))
                    .windowedBy(TimeWindows.ofSizeAndGrace(size.size(), grace))
                    .aggregate(dimension::empty, (key, partial, rollup) -> dimension.addRollup().apply(rollup, partial),
                            Named.as(name),
                            Materialized.<String, V, WindowStore<Bytes, byte[]>>as(name + "-store")
                                    .withKeySerde(STRING).withValueSerde(dimension.storeSerde()))
                    .toStream(Named.as(name + "-changes"))
                    .map((Windowed<String> wk, V v) -> KeyValue.pair(
                            RollupKeys.windowed(wk.key(), size, wk.window().startTime()),
                            dimension.inWindow().apply(v, size, wk.window().startTime())), Named.as(name + "-keyed"))
                    .to(dimension.topic().name(), produced(dimension.topic(), name + "-sink"));
        }
    }

    /** One record per distinct tool the turn called (figures of repeated entries summed), keyed (tenant, tool). */
    private static List<KeyValue<String, RollupTurn>> byTool(RollupTurn t) {
        List<ToolUse> tools = t.priced().turn().tools();
        if (tools == null || tools.isEmpty()) {
            return List.of();
        }
        Map<String, ToolUse> byName = new LinkedHashMap<>();
        for (ToolUse use : tools) {
            if (use != null && use.name() != null) {
                byName.merge(use.name(), use, AggregatorTopology::sum);
            }
        }
        List<KeyValue<String, RollupTurn>> out = new ArrayList<>(byName.size());
        String tenant = t.priced().turn().tenantId();
        byName.forEach((name, use) -> out.add(KeyValue.pair(RollupKeys.tool(tenant, name), t.forTool(use))));
        return out;
    }

    private static ToolUse sum(ToolUse a, ToolUse b) {
        return new ToolUse(a.name(), sumInt(a.calls(), b.calls()), sumLong(a.durationMs(), b.durationMs()),
                sumLong(a.inputTokens(), b.inputTokens()), sumLong(a.outputTokens(), b.outputTokens()));
    }

    private static Integer sumInt(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(a + b);
    }

    private static Long sumLong(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }

    // ---- global stores and helpers ---------------------------------------------------------------------------

    private static void addGlobalStores(StreamsBuilder builder, PriceBook prices, AggregatorMetrics metrics) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PriceBookUpdater.STORE),
                        STRING, Serdes.ByteArray()).withLoggingDisabled(),
                Topics.MODEL_PRICES.name(),
                Consumed.with(STRING, Serdes.ByteArray()).withName("model-prices"),
                () -> new PriceBookUpdater(prices, metrics));
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
