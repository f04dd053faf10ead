package io.agentmeter.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Event ids for log records that carry no id of their own. The id is a hash of what the record says about the
 * request, never of when or how it arrived, so an exporter's retry of a batch (or the same record sent again, in
 * either encoding) gets the same id and is dropped downstream as a duplicate; two different requests differ in their
 * time or their counts.
 *
 * <p>Form: prefix + the first 32 hex digits (128 bits) of SHA-256 over the parts joined by a newline, as the importers'
 * ids are made (docs/importers.md). A count is hashed as its decimal value however it was sent ({@code "12"} and
 * {@code 12} give the same id), an absent part as {@code -}.
 */
final class EventIds {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ABSENT = "-";

    private EventIds() {
    }

    static String derive(String prefix, List<String> parts) {
        return prefix + HEX.formatHex(sha256(String.join("\n", parts)), 0, 16);
    }

    /** SHA-256 of the text's UTF-8 bytes. */
    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The record's time and the named attributes, each in the canonical form described above. */
    static String derive(String prefix, OtlpLogRecord record, List<String> attributes) {
        String[] parts = new String[attributes.size() + 1];
        parts[0] = record.epochNanos().map(String::valueOf).orElse(ABSENT);
        for (int i = 0; i < attributes.size(); i++) {
            parts[i + 1] = canonical(record.attribute(attributes.get(i)));
        }
        return derive(prefix, List.of(parts));
    }

    private static String canonical(AnyValue value) {
        if (value == null) {
            return ABSENT;
        }
        OptionalLong whole = OtlpValues.wholeCount(value);
        if (whole.isPresent()) {
            return Long.toString(whole.getAsLong());
        }
        return OtlpValues.asText(value).orElse(value.getValueCase().name());
    }
}
