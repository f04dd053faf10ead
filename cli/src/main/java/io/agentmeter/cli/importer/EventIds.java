package io.agentmeter.cli.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids derived from what a log says about a turn, so that importing the same turn again (another run, a
 * restarted watcher, an overlapping directory, a resumed Claude Code session that copied it into a new file) gives
 * the same id, and the pipeline's dedupe on (tenant, event_id) counts it once. See docs/importers.md.
 */
public final class EventIds {

    /** Hex digits of the SHA-256 kept in an id: 128 bits. */
    private static final int HEX_DIGITS = 32;

    private EventIds() {
    }

    /** {@code prefix} + the first 32 hex digits of the SHA-256 of the parts joined by line feeds. */
    public static String hashed(String prefix, Object... parts) {
        return prefix + sha256Hex(parts).substring(0, HEX_DIGITS);
    }

    /** The SHA-256 (hex) of the parts joined by line feeds. */
    public static String sha256Hex(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                joined.append('\n');
            }
            joined.append(parts[i]);
        }
        return sha256Hex(joined.toString());
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /**
     * The id of a line that carries no id of its own: the file's name (not its directory, so the same file imported
     * from another place keeps its ids), the line number and the line's text.
     */
    public static String ofLine(String prefix, FileContext file, SourceLine line) {
        return hashed(prefix, "line", file.name(), line.number(), line.text());
    }
}
