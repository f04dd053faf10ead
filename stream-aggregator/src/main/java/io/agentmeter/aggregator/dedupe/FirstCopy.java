package io.agentmeter.aggregator.dedupe;

import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.validation.Violation;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the dedupe store remembers of the first accepted copy of an event: its {@code occurred_at} and a fingerprint
 * of its content, enough to tell a later copy that is identical from one that conflicts (and to say how).
 *
 * <p>The fingerprint is {@link TurnEvent#hashCode()}: a record of strings, numbers, instants, lists, maps and JSON
 * nodes, all of whose hash codes are specified by their classes, so it is the same in every JVM and after a restart.
 * Two copies that differ hash alike only by chance (one in 2^32); such a copy is then counted as identical, which
 * changes no figure: it is dropped either way.
 *
 * @param occurredAtMs the first copy's {@code occurred_at}
 * @param content      the first copy's fingerprint; {@link #UNKNOWN_CONTENT} for ids remembered before fingerprints
 *                     (the store's values were the bare event time, 8 bytes)
 */
public record FirstCopy(long occurredAtMs, int content) {

    public static final int UNKNOWN_CONTENT = 0;
    private static final byte FORMAT = 1;
    private static final int SIZE = 1 + Long.BYTES + Integer.BYTES;

    public static FirstCopy of(TurnEvent turn) {
        int hash = turn.hashCode();
        return new FirstCopy(turn.occurredAt().toEpochMilli(), hash == UNKNOWN_CONTENT ? 1 : hash);
    }

    /** Where and why {@code copy} is not the same turn as this first copy, or null when it is. */
    public Violation conflictWith(TurnEvent copy) {
        long at = copy.occurredAt().toEpochMilli();
        if (at != occurredAtMs) {
            return new Violation("$.occurred_at", "differs from the first copy's (" + Instant.ofEpochMilli(occurredAtMs)
                    + "), got " + copy.occurredAt() + ": a later copy of an event id never counts");
        }
        if (content != UNKNOWN_CONTENT && of(copy).content != content) {
            return new Violation("$", "differs from the first copy of this event id (same occurred_at): a later copy"
                    + " of an event id never counts");
        }
        return null;
    }

    /** The store's value format: a format byte, the time, the fingerprint; reads the old 8-byte time too. */
    public static Serde<FirstCopy> serde() {
        Serializer<FirstCopy> serializer = (topic, copy) -> copy == null ? null
                : ByteBuffer.allocate(SIZE).put(FORMAT).putLong(copy.occurredAtMs).putInt(copy.content).array();
        Deserializer<FirstCopy> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (bytes.length == Long.BYTES) {
                return new FirstCopy(buffer.getLong(), UNKNOWN_CONTENT);
            }
            if (bytes.length != SIZE || buffer.get() != FORMAT) {
                throw new IllegalArgumentException("not a dedupe-store value: " + bytes.length + " bytes");
            }
            return new FirstCopy(buffer.getLong(), buffer.getInt());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
