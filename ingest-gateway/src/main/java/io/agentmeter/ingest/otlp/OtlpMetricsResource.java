package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.http.BodyHeaders;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metric exports, accepted so that an agent with every signal switched on works
 * unchanged, and ignored ({@link MetricSorter}: they repeat the log events or are aggregates).
 */
@Path("/v1/metrics")
@Tag(name = "otlp")
public class OtlpMetricsResource {

    private final OtlpExchange exchange;
    private final MetricExport metrics;

    public OtlpMetricsResource(OtlpExchange exchange, MetricExport metrics) {
        this.exchange = exchange;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({"application/x-protobuf", MediaType.APPLICATION_JSON})
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "OTLP/HTTP metrics export",
            description = "Accepts ExportMetricsServiceRequest as application/x-protobuf or application/json (gzip"
                    + " allowed). Metrics never become turns: the agents' token metrics repeat their log events and"
                    + " gen_ai.client.token.usage is an aggregate. Every data point is accepted and counted as"
                    + " ignored by metric name; error_message says so.")
    @RequestBody(content = {@Content(mediaType = "application/x-protobuf"),
            @Content(mediaType = "application/json")})
    @APIResponse(responseCode = "200", description = "ExportMetricsServiceResponse")
    @APIResponse(responseCode = "400", description = "google.rpc.Status: not an OTLP metrics export")
    @APIResponse(responseCode = "401", description = "google.rpc.Status: missing, unknown or revoked key")
    @APIResponse(responseCode = "413", description = "google.rpc.Status: body over the limit")
    @APIResponse(responseCode = "415", description = "google.rpc.Status: Content-Type or Content-Encoding not"
            + " supported")
    public Response export(@BeanParam BodyHeaders headers, InputStream body) {
        return exchange.answer(OtlpSignal.METRICS, headers, body,
                (caller, bytes, encoding) -> metrics.export(OtlpCodec.readMetrics(bytes, encoding)));
    }
}
