package io.agentmeter.aggregator.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.kafka.DeadLetterHeaders;
import io.agentmeter.schema.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Writes why a record goes to {@code agent-turns-dlq} into its {@link DeadLetterHeaders}: the reason, every violation
 * as JSON, and where the record was read. The one writer of those headers, for every step that dead-letters.
 */
public final class DeadLetterMarks {

    private DeadLetterMarks() {
    }

    /**
     * @param reason     one line for operators, e.g. the first violation
     * @param violations every problem, written as the JSON list {@code [{"path": ..., "reason": ...}]}
     * @param source     the record's topic, partition and offset, when known
     */
    public static void mark(Headers headers, String reason, List<Violation> violations,
                            Optional<RecordMetadata> source) {
        put(headers, DeadLetterHeaders.REASON, reason);
        put(headers, DeadLetterHeaders.ERRORS, errorsJson(violations));
        source.ifPresent(meta -> {
            put(headers, DeadLetterHeaders.SOURCE_TOPIC, meta.topic());
            put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(meta.partition()));
            put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(meta.offset()));
        });
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String errorsJson(List<Violation> violations) {
        try {
            return Json.mapper().writeValueAsString(violations);
        } catch (JsonProcessingException e) {
            return "[]";
        }
    }
}
