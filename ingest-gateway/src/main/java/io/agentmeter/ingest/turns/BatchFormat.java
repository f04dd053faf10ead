package io.agentmeter.ingest.turns;

import io.agentmeter.ingest.http.ApiException;
import java.util.Locale;

/** How a body of turn events is laid out, chosen by its Content-Type. */
public enum BatchFormat {

    /** {@code application/json}: one event object, or an array of them. */
    JSON,
    /** {@code application/x-ndjson}: one event object per line; blank lines are skipped. */
    NDJSON;

    /**
     * The format a {@code Content-Type} names; parameters such as {@code charset=utf-8} are ignored.
     *
     * @throws ApiException 415 for any other media type, or none
     */
    public static BatchFormat of(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.of(415, "unsupported_media_type", "Content-Type",
                    "is missing; send application/json or application/x-ndjson");
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> JSON;
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
            default -> throw ApiException.of(415, "unsupported_media_type", "Content-Type",
                    "must be application/json or application/x-ndjson, got " + type);
        };
    }
}
