package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the lines of one file, in order, into turn events. One instance per file; not thread-safe.
 *
 * <p>A parser may hold lines back (a Claude Code response written as several lines is one turn, and the last of
 * its lines may not be written yet). {@link #heldFrom()} says where reading must restart so that nothing held back
 * is lost, and {@link #saveState()} / {@link #restoreState} carry whatever else it must remember across a restart
 * (the Codex parser's session, model and last cumulative total).
 */
public interface LogParser {

    Format format();

    /** One complete, non-blank line that parsed as a JSON object. */
    void accept(SourceLine line, ObjectNode json, Emitter out);

    /**
     * Emits what is held back: everything when {@code endOfInput} (a one-off import reached the end of the file),
     * else only what has not changed since before {@code now - settle} (watch mode).
     */
    void flush(Emitter out, Instant now, Duration settle, boolean endOfInput);

    /** The start of the first line still held back, if any. */
    Optional<Position> heldFrom();

    /** What the parser must remember to go on from {@link #heldFrom()} (or from where reading stopped). */
    ObjectNode saveState();

    /** Takes back a state made by {@link #saveState()} on a parser of the same format and file. */
    void restoreState(ObjectNode state);
}
