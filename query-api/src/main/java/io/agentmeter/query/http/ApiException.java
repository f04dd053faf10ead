package io.agentmeter.query.http;

import io.agentmeter.service.http.ErrorAnswer;
import java.time.Duration;
import java.util.List;

/**
 * A request the query API answers with an error ({@link ErrorAnswer}) in its own words: where one parameter (or
 * header) is at fault, an {@link ApiError.ParameterError} naming it and a message {@code "<parameter>: <reason>"}. The
 * shared {@code ErrorMapper} renders it as the JSON documented by {@link ApiError}.
 */
public class ApiException extends ErrorAnswer {

    private static final long serialVersionUID = 1L;

    public ApiException(int status, String code, String message, List<ApiError.ParameterError> errors,
                        Duration retryAfter) {
        super(status, code, message, errors, retryAfter);
    }

    /** An error about one parameter or header. */
    public static ApiException of(int status, String code, String parameter, String reason) {
        return new ApiException(status, code, parameter + ": " + reason,
                List.of(new ApiError.ParameterError(parameter, reason)), null);
    }

    /** 400: {@code parameter} was refused for {@code reason}. */
    public static ApiException badParameter(String parameter, String reason) {
        return of(400, "invalid_parameter", parameter, reason);
    }

    public static ApiException unauthorized(String reason) {
        return of(401, "unauthorized", "Authorization", reason);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, List.of(), null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, List.of(), null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ApiError.ParameterError> errors() {
        return (List<ApiError.ParameterError>) super.errors();
    }
}
