package io.agentmeter.query.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code format=json|csv|ndjson} in the query string overrides the Accept header, so a browser link or a
 * spreadsheet import can pick CSV without setting headers.
 */
public class FormatFilter {

    public static final String NDJSON = "application/x-ndjson";
    private static final Map<String, String> FORMATS = Map.of(
            "json", MediaType.APPLICATION_JSON, "csv", Csv.MEDIA_TYPE, "ndjson", NDJSON);

    @ServerRequestFilter(preMatching = true)
    public void format(ContainerRequestContext request) {
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
}
