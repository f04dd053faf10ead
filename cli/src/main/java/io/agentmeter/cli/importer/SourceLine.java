package io.agentmeter.cli.importer;

import java.nio.file.Path;

/**
 * One complete line of a log file.
 *
 * @param file      the file
 * @param number    its line number, from 1
 * @param offset    byte offset of its first byte
 * @param endOffset byte offset just after its line feed (where the next line starts)
 * @param text      the line without its line end
 */
public record SourceLine(Path file, long number, long offset, long endOffset, String text) {

    /** {@code path:line}, the way problems are reported. */
    public String where() {
        return file + ":" + number;
    }

    /** Where reading must resume so that this line is read again. */
    public Position start() {
        return new Position(offset, number - 1);
    }

    /** Where reading resumes after this line. */
    public Position end() {
        return new Position(endOffset, number);
    }
}
