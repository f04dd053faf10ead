package io.agentmeter.service.http;

import io.agentmeter.schema.validation.StorableText;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds every query parameter and path segment of every request to {@link StorableText}, once, before a resource
 * reads it: a NUL ({@code %00}) in a key id, a user id, {@code model} or a session id is a 400
 * {@code invalid_parameter} naming the parameter (in the service's words, {@link ServiceErrors}), never a PostgreSQL
 * error answered as 503 (which tells clients to retry forever) or an export cut short. Runs after matching, so path
 * parameters have their names, and after the query API's authentication ({@code Priorities.USER}), so only a caller
 * with a key learns about its parameters.
 */
public class StorableParameters {

    private final ServiceErrors service;

    public StorableParameters(ServiceErrors service) {
        this.service = service;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        StorableText.firstIn(uri.getQueryParameters())
                .or(() -> StorableText.firstIn(uri.getPathParameters()))
                .ifPresent(bad -> {
                    throw service.fieldError(400, "invalid_parameter", bad.path(), bad.reason());
                });
    }
}
