package io.agentmeter.aggregator.rollup;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a store serde wrote most recently, found again by their bytes. A rollup store is read on every turn,
 * and what it hands back is, nearly always, the very bytes it was given on the previous turn of the same key (its
 * cache keeps them; they go back to the serde when the cache is flushed, too). Decoding them again was a tenth of
 * the stream thread's time; a serde that remembers what it wrote returns that same value instead. Safe because the
 * rollups are immutable and the store form is exact: equal bytes always decode to an equal value.
 *
 * <p>Bounded by the bytes it holds, least recently used first out. A miss costs one hash of the bytes.
 */
final class RecentValues<T> {

    private final long maxBytes;
    private final LinkedHashMap<Content, T> values = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    RecentValues(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Remembers that {@code data}, which the caller no longer changes, is the form of {@code value}. */
    synchronized void remember(byte[] data, T value) {
        Content key = new Content(data);
        if (values.put(key, value) == null) {
            bytes += data.length;
        }
        Iterator<Map.Entry<Content, T>> eldest = values.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getKey().data.length;
            eldest.remove();
        }
    }

    /** The value last written as {@code data}, or null. */
    synchronized T find(byte[] data) {
        return values.get(new Content(data));
    }

    synchronized int size() {
        return values.size();
    }

    private static final class Content {
        final byte[] data;
        final int hash;

        Content(byte[] data) {
            this.data = data;
            this.hash = Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content c && c.hash == hash && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
