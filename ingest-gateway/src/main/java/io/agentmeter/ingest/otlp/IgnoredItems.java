package io.agentmeter.ingest.otlp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Items of an export that were accepted but are not turns, counted by reason (an event or metric name). Reasons come
 * from what clients send, so each is cut to {@link #MAX_REASON_CHARS} printable ASCII characters before it reaches a
 * message or a metric label.
 */
public final class IgnoredItems {

    static final int MAX_REASON_CHARS = 80;
    /** Reasons named in an answer's message; the total counts them all. */
    private static final int DESCRIBED_REASONS = 8;

    private final Map<String, Long> byReason = new LinkedHashMap<>();

    void add(String reason, long items) {
        if (items > 0) {
            byReason.merge(clean(reason), items, Long::sum);
        }
    }

    /** Every reason with its count, in the order first seen. */
    public Map<String, Long> byReason() {
        return Collections.unmodifiableMap(byReason);
    }

    public long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. {@code 3 claude_code.user_prompt, 1 codex.sse_event:response.created}; {@code …} when cut short. */
    String describe() {
        return describe(reason -> "");
    }

    /** As {@link #describe()}, each reason followed by its {@code explanation} where there is one. */
    String describe(Function<String, String> explanation) {
        String described = byReason.entrySet().stream().limit(DESCRIBED_REASONS)
                .map(entry -> {
                    String why = explanation.apply(entry.getKey());
                    return entry.getValue() + " " + entry.getKey() + (why.isEmpty() ? "" : " (" + why + ")");
                })
                .collect(Collectors.joining(", "));
        return byReason.size() > DESCRIBED_REASONS ? described + ", …" : described;
    }

    static String clean(String reason) {
        StringBuilder cleaned = new StringBuilder(Math.min(reason.length(), MAX_REASON_CHARS));
        for (int i = 0; i < reason.length() && cleaned.length() < MAX_REASON_CHARS; i++) {
            char c = reason.charAt(i);
            cleaned.append(c >= 0x21 && c < 0x7f ? c : '_');
        }
        return cleaned.isEmpty() ? "_" : cleaned.toString();
    }
}
