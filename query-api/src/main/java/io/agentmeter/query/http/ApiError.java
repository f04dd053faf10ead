package io.agentmeter.query.http;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error answer, as the OpenAPI document describes it: {@code {"error": "invalid_parameter",
 * "message": "from: ...", "errors": [{"parameter": "from", "reason": "..."}]}}. {@code errors} names each parameter at
 * fault; it is empty when no single parameter is. What is sent is the shared
 * {@link io.agentmeter.service.http.ErrorBody}, with the {@link ApiException}'s parameter errors: the same JSON.
 */
@Schema(name = "Error", description = "Every error answer of the query API.")
public record ApiError(
        @Schema(description = "Stable machine-readable code: invalid_parameter, unauthorized, forbidden, not_found,"
                + " database_unavailable, internal_error") String error,
        @Schema(description = "What went wrong, for people") String message,
        @Schema(description = "Each parameter at fault and why") List<ParameterError> errors) {

    /** One parameter at fault. */
    @Schema(name = "ParameterError")
    public record ParameterError(
            @Schema(description = "The query parameter, path parameter or header at fault") String parameter,
            @Schema(description = "Why it was refused, naming what was expected and what was got") String reason) {
    }
}
