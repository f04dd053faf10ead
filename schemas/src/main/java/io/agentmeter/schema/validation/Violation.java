package io.agentmeter.schema.validation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One problem with a turn event: where it is and why it is wrong. Serialized as {@code {"path": ..., "reason": ...}},
 * the error format of the HTTP API (per batch item) and of the dead-letter topic.
 *
 * @param path   a JSON path into the event: {@code $} for the whole event, {@code $.usage.input_tokens},
 *               {@code $.tools[2].name}, {@code $.labels['team.name']} for keys that are not plain identifiers
 * @param reason what is wrong, as a sentence fragment that follows the path, e.g. "must not be negative, got -1"
 */
public record Violation(String path, String reason) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** All violations on one line, e.g. for a dead-letter header or a log: {@code $.model: is required; ...}. */
    public static String summary(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
