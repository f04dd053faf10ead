package io.agentmeter.query.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request answered with an error: the HTTP status, a stable code, a sentence for people and, where one parameter is
 * at fault, its name and the reason. {@link ErrorMapper} renders it as {@link ApiError} JSON.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<ApiError.ParameterError> errors;
    private final transient Duration retryAfter;

    public ApiException(int status, String code, String message, List<ApiError.ParameterError> errors,
                        Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 400: {@code parameter} was refused for {@code reason}. */
    public static ApiException badParameter(String parameter, String reason) {
        return new ApiException(400, "invalid_parameter", parameter + ": " + reason,
                List.of(new ApiError.ParameterError(parameter, reason)), null);
    }

    public static ApiException unauthorized(String reason) {
        return new ApiException(401, "unauthorized", "Authorization: " + reason,
                List.of(new ApiError.ParameterError("Authorization", reason)), null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of(), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, List.of(), null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ApiError.ParameterError> errors() {
        return errors;
    }

    /** When a client may retry; set on 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ApiError toBody() {
        return new ApiError(code, getMessage(), errors);
    }
}
