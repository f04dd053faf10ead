package io.agentmeter.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Every known price version: global prices (from LiteLLM's file) and tenant overrides, each model's versions ordered
 * by {@code effective_from}. Thread-safe; lookups do not block updates.
 *
 * <h2>Which price a turn gets</h2>
 * {@link #find(String, String, String, Instant)}:
 * <ol>
 *   <li><b>Tenant before global.</b> The tenant's overrides are searched first, with every name candidate below;
 *       only when none of them has a tenant version in force is the global book searched the same way. So a tenant
 *       override of {@code gpt-5} wins over the global {@code azure/gpt-5} for that tenant, and no other tenant
 *       ever sees it.</li>
 *   <li><b>Effective dating.</b> A model's version in force at {@code at} is the one with the latest
 *       {@code effective_from ≤ at}. A name whose versions all start after {@code at} counts as a miss, and the
 *       search moves on; {@code at} before every version of every candidate gives empty.</li>
 *   <li><b>Name resolution</b> ({@link ModelNames#candidates}): {@code provider/model}, the model as given, the model
 *       without its first {@code prefix/}; then the same three ignoring case. First hit wins.</li>
 * </ol>
 * Ties: exact-case candidates are tried before any case-insensitive one. When several keys differ only in case
 * (the shipped file has one such pair, {@code together_ai/BAAI/bge-base-en-v1.5} and
 * {@code together_ai/baai/bge-base-en-v1.5}), the case-insensitive step takes the one that sorts first by
 * {@link String#compareTo} among those with a version in force.
 *
 * <h2>Updates</h2>
 * {@link #add(ModelPrice)} files a price under (tenant, model, effective_from), replacing one already there with the
 * same three; {@link #remove} withdraws one. {@link #apply(String, ModelPriceUpdate)} does either for a record of
 * the compacted {@code model-prices} topic.
 */
public final class PriceBook {

    private static final String GLOBAL = "";

    private final Map<String, Shelf> shelves = new ConcurrentHashMap<>();

    private PriceBook() {
    }

    /** A book with no prices. */
    public static PriceBook empty() {
        return new PriceBook();
    }

    /** The shipped LiteLLM snapshot, in force since {@link Instant#EPOCH} so that all history is priced. */
    public static PriceBook loadShipped() {
        return loadShipped(Instant.EPOCH);
    }

    /** The shipped LiteLLM snapshot, in force from {@code effectiveFrom}. */
    public static PriceBook loadShipped(Instant effectiveFrom) {
        return empty().addAll(LiteLlmPriceFile.readShipped(effectiveFrom).prices());
    }

    /** A file in LiteLLM's format (e.g. a newer copy of it), in force from {@code effectiveFrom}. */
    public static PriceBook load(Path file, Instant effectiveFrom) throws IOException {
        return empty().addAll(LiteLlmPriceFile.read(file, effectiveFrom).prices());
    }

    /** A stream in LiteLLM's format, in force from {@code effectiveFrom}. */
    public static PriceBook load(InputStream in, Instant effectiveFrom) throws IOException {
        return empty().addAll(LiteLlmPriceFile.read(in, effectiveFrom).prices());
    }

    /** Adds every price (see {@link #add}); returns this book. */
    public PriceBook addAll(Collection<ModelPrice> prices) {
        prices.forEach(this::add);
        return this;
    }

    /** Files {@code price} under its tenant, model and effective_from, replacing a price with the same three. */
    public void add(ModelPrice price) {
        Objects.requireNonNull(price, "price");
        shelves.computeIfAbsent(tenantKey(price.tenantId()), t -> new Shelf()).add(price);
    }

    /** Withdraws the price filed under these three; true when there was one. */
    public boolean remove(String tenantId, String model, Instant effectiveFrom) {
        Shelf shelf = shelves.get(tenantKey(tenantId));
        return shelf != null && shelf.remove(model, effectiveFrom);
    }

    /**
     * Applies one record of the compacted {@code model-prices} topic: a value adds or replaces the price, a null
     * value (tombstone) withdraws the one under {@code key}.
     *
     * @throws IllegalArgumentException when the key is malformed or names another price than the value
     */
    public void apply(String key, ModelPriceUpdate value) {
        ModelPriceKey parsed = ModelPriceKey.parse(key);
        if (value == null) {
            remove(parsed.tenantId(), parsed.model(), parsed.effectiveFrom());
            return;
        }
        if (!parsed.equals(value.key())) {
            throw new IllegalArgumentException("model-prices key " + key + " does not match its value " + value.key());
        }
        add(value.toModelPrice());
    }

    /**
     * The price in force at {@code at} for a turn of {@code tenantId} that names {@code provider} (may be null) and
     * {@code model}: the tenant's override if one resolves, else the global price; empty when neither resolves.
     * See the class documentation for the order.
     */
    public Optional<ModelPrice> find(String tenantId, String provider, String model, Instant at) {
        Objects.requireNonNull(at, "at");
        List<String> candidates = ModelNames.candidates(provider, model);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String tenant = tenantKey(tenantId);
        if (!GLOBAL.equals(tenant)) {
            ModelPrice override = lookUp(shelves.get(tenant), candidates, at);
            if (override != null) {
                return Optional.of(override);
            }
        }
        return Optional.ofNullable(lookUp(shelves.get(GLOBAL), candidates, at));
    }

    /** Every version filed under exactly this tenant (null: global) and model name, oldest first. */
    public List<ModelPrice> versions(String tenantId, String model) {
        Shelf shelf = shelves.get(tenantKey(tenantId));
        NavigableMap<Instant, ModelPrice> versions = shelf == null ? null : shelf.byModel.get(model);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The number of price versions held, all tenants. */
    public int size() {
        return shelves.values().stream().mapToInt(Shelf::size).sum();
    }

    private static ModelPrice lookUp(Shelf shelf, List<String> candidates, Instant at) {
        if (shelf == null) {
            return null;
        }
        for (String name : candidates) {
            ModelPrice hit = shelf.inForce(name, at);
            if (hit != null) {
                return hit;
            }
        }
        for (String name : candidates) {
            ModelPrice hit = shelf.inForceIgnoringCase(name, at);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static String tenantKey(String tenantId) {
        return tenantId == null || tenantId.isBlank() ? GLOBAL : tenantId;
    }

    /** The prices of one tenant (or the global ones). */
    private static final class Shelf {
        final Map<String, ConcurrentSkipListMap<Instant, ModelPrice>> byModel = new ConcurrentHashMap<>();
        final Map<String, ConcurrentSkipListSet<String>> namesByLowerCase = new ConcurrentHashMap<>();

        void add(ModelPrice price) {
            byModel.computeIfAbsent(price.model(), m -> new ConcurrentSkipListMap<>())
                    .put(price.effectiveFrom(), price);
            namesByLowerCase.computeIfAbsent(lower(price.model()), m -> new ConcurrentSkipListSet<>())
                    .add(price.model());
        }

        boolean remove(String model, Instant effectiveFrom) {
            ConcurrentSkipListMap<Instant, ModelPrice> versions = byModel.get(model);
            return versions != null && versions.remove(effectiveFrom) != null;
        }

        ModelPrice inForce(String model, Instant at) {
            ConcurrentSkipListMap<Instant, ModelPrice> versions = byModel.get(model);
            if (versions == null) {
                return null;
            }
            Map.Entry<Instant, ModelPrice> entry = versions.floorEntry(at);
            return entry == null ? null : entry.getValue();
        }

        ModelPrice inForceIgnoringCase(String model, Instant at) {
            ConcurrentSkipListSet<String> names = namesByLowerCase.get(lower(model));
            if (names == null) {
                return null;
            }
            for (String name : names) {
                ModelPrice hit = inForce(name, at);
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }

        int size() {
            int size = 0;
            for (ConcurrentSkipListMap<Instant, ModelPrice> versions : byModel.values()) {
                size += versions.size();
            }
            return size;
        }

        private static String lower(String name) {
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
