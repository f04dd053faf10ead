package io.agentmeter.service.http;

import java.util.function.Consumer;

/**
 * What {@link ErrorMapper} and {@link StorableParameters} ask of the service they run in; each service produces one
 * bean of it.
 *
 * @param fields            its words for an error about one field ({@code ApiException::of})
 * @param counter           counts an error answer about to be sent (by status and code, as the service's metrics do)
 * @param unexpectedFailure the message of the 500 answered for an unexpected exception
 */
public record ServiceErrors(FieldErrors fields, Consumer<ErrorAnswer> counter, String unexpectedFailure) {

    public ErrorAnswer fieldError(int status, String code, String field, String reason) {
        return fields.fieldError(status, code, field, reason);
    }

    public void count(ErrorAnswer answer) {
        counter.accept(answer);
    }
}
