package io.agentmeter.schema.rollup;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * An unmodifiable map sorted by key, as the rollups hold them ({@link Rollup#costBreakdown()},
 * {@link SessionRollup#models()}). The rollups copy every map they are given, to stay immutable; a map of this class
 * is known to be unmodifiable already and is taken as it is. The aggregator adds a turn to ten rollups per turn, each
 * with such maps, so copying each map once rather than twice is worth a class.
 */
public final class SortedFigures<V> extends AbstractMap<String, V> {

    private static final SortedFigures<?> EMPTY = new SortedFigures<>(new TreeMap<>());

    private final SortedMap<String, V> entries;

    private SortedFigures(TreeMap<String, V> owned) {
        this.entries = Collections.unmodifiableSortedMap(owned);
    }

    @SuppressWarnings("unchecked")
    public static <V> SortedFigures<V> empty() {
        return (SortedFigures<V>) EMPTY;
    }

    /** {@code map} itself when it is one of these, else a sorted unmodifiable copy. */
    public static <V> SortedFigures<V> of(Map<String, V> map) {
        if (map instanceof SortedFigures<V> figures) {
            return figures;
        }
        return map == null || map.isEmpty() ? empty() : new SortedFigures<>(new TreeMap<>(map));
    }

    /**
     * Takes {@code map} over without copying it: for a reader that has just built the map and drops it; the caller
     * must never touch it again.
     */
    public static <V> SortedFigures<V> adopt(TreeMap<String, V> map) {
        return map.isEmpty() ? empty() : new SortedFigures<>(map);
    }

    /** A copy with {@code key} set to {@code value}. */
    public SortedFigures<V> with(String key, V value) {
        TreeMap<String, V> copy = new TreeMap<>(entries);
        copy.put(key, value);
        return new SortedFigures<>(copy);
    }

    /** A copy with each of {@code other}'s entries added to this one's ({@code add}) or put where this has none. */
    public SortedFigures<V> plus(Map<String, V> other, BinaryOperator<V> add) {
        if (other.isEmpty()) {
            return this;
        }
        TreeMap<String, V> sums = new TreeMap<>(entries);
        other.forEach((key, value) -> sums.merge(key, value, add));
        return new SortedFigures<>(sums);
    }

    @Override
    public V get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return entries.entrySet();
    }
}
