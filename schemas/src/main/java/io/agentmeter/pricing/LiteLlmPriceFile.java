package io.agentmeter.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A price file in LiteLLM's {@code model_prices_and_context_window.json} format, read into {@link ModelPrice}s.
 *
 * <p>The snapshot shipped in this jar is {@value #SHIPPED_RESOURCE} (provenance in {@code pricing/SOURCE.md});
 * a user may read a newer copy of the same file, or any file in the same format, with {@link #read(Path, Instant)}.
 *
 * <p>Not every top-level entry is a model. Skipped, each with its reason in {@link #skipped()}:
 * <ul>
 *   <li>{@code sample_spec} (LiteLLM's schema documentation, its zero "rates" are placeholders) and
 *       {@code fallback_generalizations} (regex routing rules, no prices);</li>
 *   <li>entries without a single per-token rate (image, audio, video, OCR, search … priced per image, second,
 *       character, page or query): agentmeter meters tokens, so such a model stays unpriced rather than $0;</li>
 *   <li>entries whose rates cannot be read (not a number, negative); none in the shipped file.</li>
 * </ul>
 *
 * @param version    the version every price from this file carries, {@code litellm@<first 12 hex of sha256>} unless
 *                   the caller named one
 * @param sha256     the SHA-256 of the file's bytes, hex
 * @param entries    the number of top-level entries in the file, models and non-models
 * @param prices     one global price per model entry with a per-token rate, in file order
 * @param skipped    entry name to the reason it was skipped, sorted by name
 */
public record LiteLlmPriceFile(
        String version,
        String sha256,
        int entries,
        List<ModelPrice> prices,
        SortedMap<String, String> skipped) {

    /** Where the shipped snapshot lives on the classpath. */
    public static final String SHIPPED_RESOURCE = "/pricing/litellm-model-prices.json";
    /** Prefix of the version of a price read from a LiteLLM file. */
    public static final String VERSION_PREFIX = "litellm@";

    static final String SAMPLE_SPEC = "sample_spec";
    static final String FALLBACK_GENERALIZATIONS = "fallback_generalizations";
    static final String SKIP_SCHEMA_DOC = "not a model: LiteLLM's schema documentation";
    static final String SKIP_ROUTING_RULES = "not a model: routing rules without prices";
    static final String SKIP_NOT_OBJECT = "not a model: not a JSON object";
    static final String SKIP_NO_TOKEN_RATE = "no per-token rate";
    static final String SKIP_INVALID = "invalid rate: ";

    public LiteLlmPriceFile {
        prices = List.copyOf(prices);
        skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    }

    /** The snapshot shipped in this jar, every price in force from {@code effectiveFrom}. */
    public static LiteLlmPriceFile readShipped(Instant effectiveFrom) {
        try (InputStream in = LiteLlmPriceFile.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the shipped price file " + SHIPPED_RESOURCE + " is not on the classpath");
            }
            return read(in, effectiveFrom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped price file " + SHIPPED_RESOURCE, e);
        }
    }

    /** A file in LiteLLM's format, every price in force from {@code effectiveFrom}. */
    public static LiteLlmPriceFile read(Path file, Instant effectiveFrom) throws IOException {
        return parse(Files.readAllBytes(file), effectiveFrom, null);
    }

    /** A stream in LiteLLM's format, read to its end (not closed), every price in force from {@code effectiveFrom}. */
    public static LiteLlmPriceFile read(InputStream in, Instant effectiveFrom) throws IOException {
        return parse(in.readAllBytes(), effectiveFrom, null);
    }

    /**
     * Parses {@code json}. {@code version} labels every price; when null it is {@link #VERSION_PREFIX} followed by
     * the first 12 hex digits of the SHA-256 of the bytes, so the same file always gets the same version.
     *
     * @throws IllegalArgumentException when the bytes are not a JSON object
     */
    public static LiteLlmPriceFile parse(byte[] json, Instant effectiveFrom, String version) {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        String sha256 = sha256(json);
        String label = version == null || version.isBlank() ? VERSION_PREFIX + sha256.substring(0, 12) : version;
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the price file is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the price file must be a JSON object of model name to prices");
        }
        List<ModelPrice> prices = new ArrayList<>();
        SortedMap<String, String> skipped = new TreeMap<>();
        int entries = 0;
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            entries++;
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (SAMPLE_SPEC.equals(name)) {
                skipped.put(name, SKIP_SCHEMA_DOC);
                continue;
            }
            if (FALLBACK_GENERALIZATIONS.equals(name)) {
                skipped.put(name, SKIP_ROUTING_RULES);
                continue;
            }
            if (!value.isObject()) {
                skipped.put(name, SKIP_NOT_OBJECT);
                continue;
            }
            LiteLlmEntry.Parsed parsed;
            try {
                parsed = LiteLlmEntry.parse(value);
            } catch (IllegalArgumentException e) {
                skipped.put(name, SKIP_INVALID + e.getMessage());
                continue;
            }
            if (!parsed.hasTokenRate()) {
                skipped.put(name, SKIP_NO_TOKEN_RATE);
                continue;
            }
            JsonNode provider = value.get(LiteLlmEntry.PROVIDER);
            prices.add(new ModelPrice(null, name, provider != null && provider.isTextual() ? provider.asText() : null,
                    effectiveFrom, label, parsed.rates(), parsed.tiers()));
        }
        return new LiteLlmPriceFile(label, sha256, entries, prices, skipped);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
