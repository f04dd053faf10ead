package io.agentmeter.writer.sink;

import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.priced.PricedTurn;
import java.time.Instant;
import java.util.function.Function;

/**
 * What one kind of sink reads: its topic, how a record becomes a value (or why it cannot), and each value's event
 * time (for the freshness metric). The writer runs a sink per kind: priced turns, and activity events.
 *
 * @param tag        the {@code sink} tag of the sink's metrics ({@code turns}, {@code activity})
 * @param topic      the topic the sink's group reads, {@code read_committed}
 * @param reader     a record's key and value to the value; throws {@link IllegalArgumentException} naming what is
 *                   wrong for a record it cannot take (the sink logs, counts and skips it)
 * @param occurredAt a value's event time
 */
public record SinkKind<V>(String tag, String topic, Reader<V> reader, Function<V, Instant> occurredAt) {

    /** A record's key and value to the value, or {@link IllegalArgumentException}. */
    @FunctionalInterface
    public interface Reader<V> {
        V read(String key, byte[] value);
    }

    /** The activity events of {@code agent-activity}, checked against the contract ({@link ActivityRecords}). */
    public static final SinkKind<io.agentmeter.schema.activity.ActivityEvent> ACTIVITY = ActivityRecords.KIND;

    /** The priced turns the aggregator writes (it validated them; a record that does not parse is not its). */
    public static final SinkKind<PricedTurn> PRICED_TURNS = new SinkKind<>("turns", Topics.PRICED_TURNS.name(),
            (key, value) -> Topics.PRICED_TURNS.valueSerde().deserializer().deserialize(Topics.PRICED_TURNS.name(),
                    value), priced -> priced.turn().occurredAt());
}
