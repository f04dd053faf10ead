package io.agentmeter.query.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1} request except {@code /v1/capabilities} (which holds no tenant data), before the
 * resource method runs.
 */
public class AuthFilter {

    private final Authenticator authenticator;
    private final CurrentCaller current;

    public AuthFilter(Authenticator authenticator, CurrentCaller current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") || path.equals("/v1/capabilities")) {
            return;
        }
        current.set(authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
}
