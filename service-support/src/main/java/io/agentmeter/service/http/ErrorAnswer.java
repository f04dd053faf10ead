package io.agentmeter.service.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request answered with an error: the HTTP status, a stable machine-readable code, a sentence for people, the
 * fields at fault (each service names them in its own element type: the gateway a {@code Violation} with a JSON
 * path, the query API a parameter) and, where a client may come back, Retry-After. {@link ErrorMapper} renders it as
 * {@link ErrorBody} JSON.
 *
 * <p>Each service's {@code ApiException} extends it with its factories and its element type for {@link #errors()}: a
 * subclass, because Java allows no type parameter on an exception.
 */
public class ErrorAnswer extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<?> errors;
    private final transient Duration retryAfter;

    /** @param retryAfter when a client may retry (429, 503); null when it should not */
    public ErrorAnswer(int status, String code, String message, List<?> errors, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Each field at fault; empty when no single one is. */
    public List<?> errors() {
        return errors;
    }

    /** When a client may retry; set on 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ErrorBody toBody() {
        return new ErrorBody(code, getMessage(), errors);
    }
}
