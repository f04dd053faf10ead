package io.agentmeter.cli.importer;

/**
 * A place in a file between two lines.
 *
 * @param offset byte offset of the next line to read
 * @param lines  how many lines lie before it (so the next line is number {@code lines + 1})
 */
public record Position(long offset, long lines) {

    public static final Position START = new Position(0, 0);

    public Position {
        if (offset < 0 || lines < 0) {
            throw new IllegalArgumentException("negative position " + offset + "/" + lines);
        }
    }

    public static Position min(Position a, Position b) {
        return a.offset <= b.offset ? a : b;
    }
}
