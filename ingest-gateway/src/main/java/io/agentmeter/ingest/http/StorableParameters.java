package io.agentmeter.ingest.http;

import io.agentmeter.schema.validation.StorableText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds every query parameter and path segment of every request to {@link StorableText}, once, before a resource
 * reads it: a NUL ({@code %00}) in a key id or a user id is a 400 naming the parameter, never a PostgreSQL error
 * answered as 503 (which tells clients to retry forever). Runs after matching, so path parameters have their names.
 */
public class StorableParameters {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        StorableText.firstIn(uri.getQueryParameters())
                .or(() -> StorableText.firstIn(uri.getPathParameters()))
                .ifPresent(bad -> {
                    throw ApiException.of(400, "invalid_parameter", bad.path(), bad.reason());
                });
    }
}
