package io.agentmeter.query.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Decides the Accept header a request is negotiated with: {@code format=json|csv|ndjson} in the query string overrides
 * it, so a browser link or a spreadsheet import can pick CSV without setting headers; a blank one counts as absent; one
 * that is no list of media types is a 406 naming it (the framework's negotiation would fail on it with a 500).
 */
public class FormatFilter {

    public static final String NDJSON = "application/x-ndjson";
    private static final Map<String, String> FORMATS = Map.of(
            "json", MediaType.APPLICATION_JSON, "csv", Csv.MEDIA_TYPE, "ndjson", NDJSON);

    /** The refusal found before matching, answered after it. */
    private static final String REFUSAL = FormatFilter.class.getName() + ".refusal";

    @ServerRequestFilter(preMatching = true)
    public void format(ContainerRequestContext request, HttpServerRequest raw) {
        try {
            checkAccept(request, raw);
            applyFormat(request);
        } catch (ApiException e) {
            // Answered once the route is matched (refuse), so that the HTTP metrics count it under the route's
            // template, never under the caller's path; an unknown path stays a 404. Meanwhile any type will do.
            anything(request, raw);
            request.setProperty(REFUSAL, e);
        }
    }

    /** Before authentication, as when the refusal was answered before matching. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void refuse(ContainerRequestContext request) {
        if (request.getProperty(REFUSAL) instanceof ApiException refusal) {
            throw refusal;
        }
    }

    private static void applyFormat(ContainerRequestContext request) {
        List<String> values = request.getUriInfo().getQueryParameters().get("format");
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw ApiException.badParameter("format", "must be given once");
        }
        String mediaType = FORMATS.get(values.get(0).toLowerCase(Locale.ROOT));
        if (mediaType == null) {
            throw ApiException.badParameter("format", "must be json, csv or ndjson, got \"" + values.get(0) + "\"");
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, mediaType);
    }

    private static void checkAccept(ContainerRequestContext request, HttpServerRequest raw) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        if (accept.isBlank()) {
            anything(request, raw);
            return;
        }
        for (String type : accept.split(",", -1)) {
            try {
                MediaType.valueOf(type.strip());
            } catch (IllegalArgumentException e) {
                throw new ApiException(406, "not_acceptable", "Accept: is not a list of media types",
                        List.of(new ApiError.ParameterError(HttpHeaders.ACCEPT, "is not a list of media types, got \""
                                + (type.length() > 40 ? type.substring(0, 40) + "…" : type.strip()) + "\"")), null);
            }
        }
    }

    /** Accept: anything. Set on the raw request too: negotiation falls back to it and fails on a blank one. */
    private static void anything(ContainerRequestContext request, HttpServerRequest raw) {
        raw.headers().set(HttpHeaders.ACCEPT, MediaType.WILDCARD);
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
    }
}
