package io.agentmeter.schema.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample corpus under src/test/resources/samples:
 * <ul>
 *   <li>{@code valid/} events the JSON Schema and {@link TurnValidator} both accept;</li>
 *   <li>{@code invalid/} one broken rule each that JSON Schema can express: both reject;</li>
 *   <li>{@code invalid-semantic/} rules JSON Schema cannot express (cross-field sums, the clock, byte sizes,
 *       unstorable strings): the schema accepts, the validator rejects.</li>
 * </ul>
 * Each invalid folder has an {@code expected.json}: sample file name to the violations expected, in order, each a
 * path and a substring of the reason. Samples are judged at {@link #NOW}.
 */
public final class Samples {

    /** The clock the corpus is judged at: occurred_at values are written relative to it. */
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String VALID = "valid";
    public static final String INVALID = "invalid";
    public static final String INVALID_SEMANTIC = "invalid-semantic";
    private static final String EXPECTED = "expected.json";

    /** An expected violation: the exact path and a part of the reason. */
    public record Expected(String path, String reason) {
    }

    private Samples() {
    }

    /** File names of the samples in {@code folder}, sorted. */
    public static List<String> names(String folder) {
        try (Stream<Path> files = Files.list(folder(folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals(EXPECTED))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String folder, String name) {
        try {
            return Files.readAllBytes(folder(folder).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample parsed as the reader parses: decimals exact, trailing zeros kept. */
    public static JsonNode tree(String folder, String name) {
        try {
            return Json.mapper().reader()
                    .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(bytes(folder, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expectations of an invalid folder, by sample file name. */
    public static Map<String, List<Expected>> expected(String folder) {
        try {
            return Json.mapper().readValue(bytes(folder, EXPECTED), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String folder) {
        URL url = Samples.class.getResource("/samples/" + folder);
        if (url == null) {
            throw new IllegalStateException("no sample folder " + folder + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
