package io.agentmeter.ingest.http;

import io.agentmeter.schema.validation.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the gateway answers with an error: the HTTP status, a stable machine-readable code, a sentence for
 * people and, where the problem is in a field, the field's path and reason. {@link ErrorMapper} renders it as
 * {@link ApiError} JSON.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<Violation> errors;
    private final transient Duration retryAfter;

    public ApiException(int status, String code, String message, List<Violation> errors, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ApiException(int status, String code, String message, List<Violation> errors) {
        this(status, code, message, errors, null);
    }

    /** An error about one field (or the whole body, path {@code body}). */
    public static ApiException of(int status, String code, String path, String reason) {
        return new ApiException(status, code, path + " " + reason, List.of(new Violation(path, reason)));
    }

    public static ApiException badRequest(String code, String path, String reason) {
        return of(400, code, path, reason);
    }

    public static ApiException invalidFields(List<Violation> errors) {
        return new ApiException(400, "invalid_request", Violation.summary(errors), errors);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Violation> errors() {
        return errors;
    }

    /** When a client may retry; set on 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ApiError toBody() {
        return new ApiError(code, getMessage(), errors);
    }
}
