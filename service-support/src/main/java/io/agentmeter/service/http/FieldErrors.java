package io.agentmeter.service.http;

/**
 * How a service words an error about one field (a parameter, a header, a place in the body): the element it lists
 * under {@code errors} and the message. The gateway answers {@code "Authorization is missing"} with
 * {@code {"path": "Authorization", ...}}, the query API {@code "Authorization: is missing"} with
 * {@code {"parameter": "Authorization", ...}}; each passes its {@code ApiException::of}.
 */
@FunctionalInterface
public interface FieldErrors {

    ErrorAnswer fieldError(int status, String code, String field, String reason);
}
