package io.agentmeter.cli.importer;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the complete lines of a file from a {@link Position} on. A line is complete when its line feed is written;
 * the bytes after the last line feed (a line being written) are never returned as a line, only shown by
 * {@link #partialTail()} once {@link #next()} has returned null. A {@code \r} before the line feed is dropped.
 * Lines longer than {@link #MAX_LINE_BYTES} are returned with {@link #lastWasTooLong()} set and their text cut.
 */
final class LineReader implements Closeable {

    /** Longest line kept whole: Claude Code lines with pasted images reach a few MiB. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long offset;
    private long lines;
    private long lineBytes;
    private boolean tooLong;
    private boolean eof;

    LineReader(Path file, Position from) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.channel.position(from.offset());
        this.offset = from.offset();
        this.lines = from.lines();
        this.buffer.flip();
    }

    /** The next complete line, or null when only an incomplete line (or nothing) is left. */
    SourceLine next() throws IOException {
        line.reset();
        lineBytes = 0;
        tooLong = false;
        long start = offset;
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int read = eof ? -1 : channel.read(buffer);
                buffer.flip();
                if (read <= 0) {
                    eof = true;
                    return null;
                }
            }
            byte[] array = buffer.array();
            int from = buffer.position();
            int to = buffer.limit();
            int newline = -1;
            for (int i = from; i < to; i++) {
                if (array[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? to : newline;
            keep(array, from, end - from);
            if (newline < 0) {
                buffer.position(to);
                continue;
            }
            buffer.position(newline + 1);
            offset = start + lineBytes + 1;
            lines++;
            return new SourceLine(file, lines, start, offset, text());
        }
    }

    private void keep(byte[] array, int from, int length) {
        lineBytes += length;
        int room = MAX_LINE_BYTES - line.size();
        if (length > room) {
            tooLong = true;
        }
        line.write(array, from, Math.max(0, Math.min(length, room)));
    }

    private String text() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (!tooLong && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Whether the line {@link #next()} returned last was longer than {@link #MAX_LINE_BYTES}. */
    boolean lastWasTooLong() {
        return tooLong;
    }

    /** Where reading stands: after the last complete line returned. */
    Position position() {
        return new Position(offset, lines);
    }

    /**
     * After {@link #next()} returned null: the text after the last line feed (a last line without a line feed, or
     * one still being written), empty when the file ends with a line feed.
     */
    String partialTail() {
        return lineBytes == 0 ? "" : text();
    }

    /** How many bytes the partial tail has. */
    long partialTailBytes() {
        return lineBytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
