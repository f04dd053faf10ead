package io.agentmeter.aggregator;

import io.agentmeter.aggregator.settings.TopologySettings;
import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.aggregator.dedupe.Deduped;
import io.agentmeter.aggregator.dedupe.DeduplicationProcessor;
import io.agentmeter.aggregator.dedupe.FirstCopy;
import io.agentmeter.aggregator.pricing.PriceBookUpdater;
import io.agentmeter.aggregator.pricing.PriceStep;
import io.agentmeter.aggregator.rollup.LatenessProcessor;
import io.agentmeter.aggregator.validate.ValidateProcessor;
import io.agentmeter.aggregator.validate.Validated;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.event.TurnEventWriter;
import io.agentmeter.schema.kafka.JsonSerde;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's Kafka Streams topology. It reads like the pipeline:
 * <pre>
 *   agent-turns → validate (bad → agent-turns-dlq) → dedupe (conflicting copies → agent-turns-dlq) → price
 *     → mark late → priced-turns
 * </pre>
 * The rollups are not made here: the sink adds each turn PostgreSQL takes as new to the rollup tables in the
 * transaction that stores it, and publishes the rows to the rollup topics ({@code sink.jdbc.RollupLedger}), so
 * tables and topics count exactly the stored turns, of any age.
 * Every processor, store and repartition topic is named (see docs/aggregator.md), so the topology can evolve without
 * losing state. Configuration and lifecycle live in {@link AggregatorMain}; tests build this same topology.
 */
public final class AggregatorTopology {

    /** The internal repartition topic for records whose key is not their {@code tenant:session_id}. */
    public static final String REKEYED = "turns-rekeyed";

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

        markLate(price(dedupe(validate(raw, metrics, clock), settings, metrics, builder), prices), settings, metrics,
                builder)
                .to(Topics.PRICED_TURNS.name(), produced(Topics.PRICED_TURNS, "priced-turns-sink"));
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

    private static KStream<String, PricedTurn> markLate(KStream<String, PricedTurn> turns, TopologySettings settings,
                                                        AggregatorMetrics metrics, StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LatenessProcessor.STORE), STRING, Serdes.Long()).withCachingEnabled());
        return turns.processValues(() -> new LatenessProcessor(settings, metrics), Named.as("mark-late"),
                LatenessProcessor.STORE);
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
