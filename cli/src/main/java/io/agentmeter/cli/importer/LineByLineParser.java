package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A parser whose every line is complete on its own (a turn, or nothing): it never holds a line back, so a restart goes
 * on from where reading stopped. The state methods default to "nothing to remember"; a parser that carries context
 * from line to line (Codex: session, model, last cumulative total) overrides them.
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
