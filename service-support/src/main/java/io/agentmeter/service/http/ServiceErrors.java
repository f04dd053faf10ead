package io.agentmeter.service.http;

/**
 * What {@link ErrorMapper} and {@link StorableParameters} ask of the service they run in: its words for an error
 * about one field, its sentence for a failure nobody foresaw, and how it counts error answers. Each service has one
 * bean of it.
 */
public interface ServiceErrors extends FieldErrors {

    /** Counts an error answer about to be sent (by status and code, as the service's metrics do). */
    void count(ErrorAnswer answer);

    /** The message of the 500 answered for an unexpected exception. */
    String unexpectedFailure();
}
