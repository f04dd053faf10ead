package io.agentmeter.ingest.turns;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentmeter.schema.validation.Violation;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to {@code POST /v1/turns}: how many events Kafka acknowledged, and each rejected item with every
 * problem found in it. {@code error} and {@code message} are set when some item was rejected (status 400).
 */
@Schema(name = "BatchResult", description = "How many events were accepted (acknowledged by Kafka) and why each"
        + " rejected item was rejected. Valid items of a batch are accepted even when others are rejected.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(
        @Schema(description = "Events acknowledged by Kafka") int accepted,
        @Schema(description = "Items rejected") int rejected,
        @Schema(description = "Each rejected item, in order") List<ItemError> rejectedItems,
        @Schema(description = "invalid_events when some item was rejected") String error,
        @Schema(description = "A summary when some item was rejected") String message) {

    /**
     * One rejected item.
     *
     * @param index   its position in the batch, from 0 (NDJSON: among the non-blank lines)
     * @param eventId its event_id, when it has a usable one
     * @param errors  every problem, each with its JSON path inside the item
     */
    @Schema(name = "ItemError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemError(int index, String eventId, List<Violation> errors) {
    }

    public static BatchResult of(int accepted, List<ItemError> rejectedItems) {
        if (rejectedItems.isEmpty()) {
            return new BatchResult(accepted, 0, List.of(), null, null);
        }
        return new BatchResult(accepted, rejectedItems.size(), List.copyOf(rejectedItems), "invalid_events",
                rejectedItems.size() + " of " + (accepted + rejectedItems.size()) + " items rejected; "
                        + accepted + " accepted");
    }

    public boolean allAccepted() {
        return rejected == 0;
    }

    /**
     * The rejections in one line for an OTLP answer's {@code error_message}: how many {@code items} were rejected
     * as turn events, and the first {@code shown} of them, each named by {@code name} with its problems.
     */
    public String describeRejected(String items, int shown, Function<ItemError, String> name) {
        String described = rejectedItems.stream().limit(shown)
                .map(item -> name.apply(item) + ": " + Violation.summary(item.errors()))
                .collect(Collectors.joining("; "));
        return rejected + " " + items + " rejected as turn events: " + described + (rejected > shown ? "; ..." : "");
    }
}
