package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The size rule of an activity event's {@code payload}: text longer than {@link #MAX_BYTES} bytes of UTF-8 is cut,
 * never rejected, and ends with a visible marker saying how much was cut: {@code …[truncated 12345 bytes]}. The cut
 * text, marker included, is at most {@link #MAX_BYTES} bytes and never splits a character. Cutting a cut text again
 * changes nothing, so every stage (gateway, importer, a direct Kafka consumer) may apply it.
 */
public final class ActivityPayload {

    /** The most bytes of UTF-8 a stored payload has, marker included. */
    public static final int MAX_BYTES = 32 * 1024;

    /** The field the rule applies to. */
    public static final String FIELD = "payload";

    private static final String MARKER_START = "…[truncated ";
    private static final String MARKER_END = " bytes]";

    private ActivityPayload() {
    }

    /** {@code text} when it fits in {@link #MAX_BYTES}, else its longest prefix that fits with the marker. */
    public static String cut(String text) {
        return cut(text, MAX_BYTES);
    }

    static String cut(String text, int maxBytes) {
        if (text == null || text.length() * 3L <= maxBytes) { // a UTF-16 unit is at most 3 bytes of UTF-8
            return text;
        }
        int total = utf8Length(text);
        if (total <= maxBytes) {
            return text;
        }
        // The marker's number has at most as many digits as the whole length.
        int budget = maxBytes - utf8Length(MARKER_START + total + MARKER_END);
        int kept = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (kept + bytes > budget) {
                break;
            }
            kept += bytes;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + MARKER_START + (total - kept) + MARKER_END;
    }

    /**
     * Cuts the event's textual {@code payload} in place when it is too long.
     *
     * @return whether it was cut
     */
    public static boolean cutIn(ObjectNode event) {
        JsonNode payload = event.get(FIELD);
        if (payload == null || !payload.isTextual()) {
            return false;
        }
        String cut = cut(payload.textValue());
        if (cut == payload.textValue()) { // NOPMD: identity says "unchanged"
            return false;
        }
        event.put(FIELD, cut);
        return true;
    }

    /** Bytes of {@code text} as UTF-8 (an unpaired surrogate counts as the 1 byte Java writes for it). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
