package io.agentmeter.ingest.http;

import io.agentmeter.schema.validation.Violation;
import io.agentmeter.service.http.ErrorAnswer;
import java.time.Duration;
import java.util.List;

/**
 * A request the gateway answers with an error ({@link ErrorAnswer}) in the gateway's words: each field at fault is a
 * {@link Violation}, its JSON path (or the header's name) and the reason, and a message {@code "<path> <reason>"}.
 * The shared {@code ErrorMapper} renders it as the JSON documented by {@link ApiError}.
 */
public class ApiException extends ErrorAnswer {

    private static final long serialVersionUID = 1L;

    public ApiException(int status, String code, String message, List<Violation> errors, Duration retryAfter) {
        super(status, code, message, errors, retryAfter);
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

    @Override
    @SuppressWarnings("unchecked")
    public List<Violation> errors() {
        return (List<Violation>) super.errors();
    }
}
