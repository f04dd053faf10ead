package io.agentmeter.ingest.http;

import io.agentmeter.schema.validation.Violation;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error answer, as the OpenAPI document describes it: {@code {"error": "payload_too_large",
 * "message": "...", "errors": [{"path": "body", "reason": "..."}]}}. {@code errors} names each field at fault; it is
 * empty when no single field is. What is sent is the shared {@link io.agentmeter.service.http.ErrorBody}, with the
 * {@link ApiException}'s violations: the same JSON.
 */
@Schema(name = "Error", description = "Every error answer of the gateway.")
public record ApiError(
        @Schema(description = "Stable machine-readable code, e.g. unauthorized, payload_too_large, rate_limited,"
                + " kafka_unavailable, invalid_request") String error,
        @Schema(description = "What went wrong, for people") String message,
        @Schema(description = "Each field at fault with its JSON path and the reason") List<Violation> errors) {
}
