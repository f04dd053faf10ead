package io.agentmeter.service.http;

import java.util.List;

/**
 * The JSON body of every error answer: {@code {"error": "unauthorized", "message": "...", "errors": [...]}}. Each
 * element of {@code errors} is written as its own type: {@code {"path", "reason"}} by the gateway,
 * {@code {"parameter", "reason"}} by the query API. Each service documents the shape in its OpenAPI schema
 * {@code Error} (its {@code ApiError}).
 */
public record ErrorBody(String error, String message, List<?> errors) {
}
