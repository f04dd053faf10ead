package io.agentmeter.pricing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The key of a record on the compacted {@code model-prices} topic: {@code tenant|model|effective_from}.
 *
 * <p>{@code tenant} is empty for the global price; {@code effective_from} is {@link Instant#toString()} (UTC,
 * {@code Z}, e.g. {@code 2026-08-01T00:00:00Z}), so one price version has exactly one key and a later record with
 * the same key replaces it (a correction), while a null value (tombstone) withdraws it. Examples:
 * {@code |gpt-5|1970-01-01T00:00:00Z}, {@code acme|claude-sonnet-4-5|2026-08-01T00:00:00Z}.
 *
 * <p>A tenant id must not contain {@code |}; a model name may (the key is split at the first and the last
 * {@code |}).
 */
public record ModelPriceKey(String tenantId, String model, Instant effectiveFrom) {

    public static final char SEPARATOR = '|';

    public ModelPriceKey {
        tenantId = tenantId == null || tenantId.isBlank() ? null : tenantId;
        if (tenantId != null && tenantId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("tenant_id must not contain '|': " + tenantId);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    /** Reads a key written by {@link #toString()}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static ModelPriceKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("model-prices key is missing");
        }
        int first = key.indexOf(SEPARATOR);
        int last = key.lastIndexOf(SEPARATOR);
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("model-prices key must be tenant|model|effective_from, got: " + key);
        }
        Instant effectiveFrom;
        try {
            effectiveFrom = Instant.parse(key.substring(last + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("model-prices key has an invalid effective_from: " + key, e);
        }
        return new ModelPriceKey(key.substring(0, first), key.substring(first + 1, last), effectiveFrom);
    }

    @Override
    public String toString() {
        return (tenantId == null ? "" : tenantId) + SEPARATOR + model + SEPARATOR + effectiveFrom;
    }
}
