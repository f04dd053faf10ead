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
 * {@code POST /v1/traces}: OTLP/HTTP trace exports (protobuf or JSON). Spans with OpenTelemetry GenAI attributes
 * become turn events ({@link SpanMapper}); other spans are ignored and counted. Answers per the OTLP specification:
 * {@code ExportTraceServiceResponse} with {@code partial_success} on success, a {@code google.rpc.Status} on errors,
 * both in the request's encoding.
 */
@Path("/v1/traces")
@Tag(name = "otlp")
public class OtlpTraceResource {

    private final OtlpExchange exchange;
    private final TraceExport traces;

    public OtlpTraceResource(OtlpExchange exchange, TraceExport traces) {
        this.exchange = exchange;
        this.traces = traces;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({"application/x-protobuf", MediaType.APPLICATION_JSON})
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "OTLP/HTTP trace export",
            description = "Accepts ExportTraceServiceRequest as application/x-protobuf or application/json"
                    + " (gzip allowed). Spans with gen_ai.request.model / gen_ai.response.model or gen_ai.usage.*"
                    + " (and not invoke_agent / create_agent / execute_tool) become turn events; other spans are"
                    + " ignored. partial_success.rejected_spans counts GenAI spans that are not valid turns, and"
                    + " error_message says why and how many spans were ignored.")
    @RequestBody(content = {@Content(mediaType = "application/x-protobuf"),
            @Content(mediaType = "application/json")})
    @APIResponse(responseCode = "200", description = "ExportTraceServiceResponse")
    @APIResponse(responseCode = "400", description = "google.rpc.Status: not an OTLP export")
    @APIResponse(responseCode = "401", description = "google.rpc.Status: missing, unknown or revoked key")
    @APIResponse(responseCode = "429", description = "google.rpc.Status: rate limited, see Retry-After")
    @APIResponse(responseCode = "503", description = "google.rpc.Status: Kafka unavailable, see Retry-After")
    public Response export(@BeanParam BodyHeaders headers, InputStream body) {
        return exchange.answer(OtlpSignal.TRACES, headers, body,
                (caller, bytes, encoding) -> traces.export(caller, OtlpCodec.readRequest(bytes, encoding)));
    }
}
