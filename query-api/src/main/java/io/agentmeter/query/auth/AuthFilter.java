package io.agentmeter.query.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1} request except {@code /v1/capabilities} (which holds no tenant data), before the
 * resource method runs. {@code /v1/health/parts} checks its key itself ({@link Authenticator#authenticateOrRecall}):
 * it must answer while PostgreSQL, where keys live, is down.
 */
public class AuthFilter {

    /** The path that checks its own key. */
    public static final String HEALTH_PARTS = "/v1/health/parts";

    private final Authenticator authenticator;
    private final CurrentCaller current;

    public AuthFilter(Authenticator authenticator, CurrentCaller current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") || path.equals("/v1/capabilities") || path.equals(HEALTH_PARTS)) {
            return;
        }
        current.set(authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
}
