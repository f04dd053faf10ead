package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A parser whose every line is a complete turn (or nothing): it holds no line back and remembers nothing between
 * lines, so a restart simply goes on from where reading stopped.
 */
interface LineByLineParser extends LogParser {

    @Override
    default void flush(Emitter out, Instant now, Duration settle, boolean endOfInput) {
        // Nothing is held back.
    }

    @Override
    default Optional<Position> heldFrom() {
        return Optional.empty();
    }

    @Override
    default ObjectNode saveState() {
        return Json.mapper().createObjectNode();
    }

    @Override
    default void restoreState(ObjectNode state) {
        // Stateless.
    }
}
