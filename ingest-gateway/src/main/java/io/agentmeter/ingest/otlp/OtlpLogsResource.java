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

/** {@code POST /v1/logs}: OTLP/HTTP log exports; the agents' usage events become turn events ({@link LogExport}). */
@Path("/v1/logs")
@Tag(name = "otlp")
public class OtlpLogsResource {

    private final OtlpExchange exchange;
    private final LogExport logs;

    public OtlpLogsResource(OtlpExchange exchange, LogExport logs) {
        this.exchange = exchange;
        this.logs = logs;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({"application/x-protobuf", MediaType.APPLICATION_JSON})
    @SecurityRequirement(name = "apiKey")
    @Operation(summary = "OTLP/HTTP logs export",
            description = "Accepts ExportLogsServiceRequest as application/x-protobuf or application/json (gzip"
                    + " allowed). The log events claude_code.api_request, codex.sse_event (event.kind"
                    + " response.completed) and gemini_cli.api_response become turn events; every other record is"
                    + " accepted and ignored (counted by event name). partial_success.rejected_log_records counts"
                    + " usage events that are not valid turns; error_message says why, and what was ignored.")
    @RequestBody(content = {@Content(mediaType = "application/x-protobuf"),
            @Content(mediaType = "application/json")})
    @APIResponse(responseCode = "200", description = "ExportLogsServiceResponse")
    @APIResponse(responseCode = "400", description = "google.rpc.Status: not an OTLP logs export")
    @APIResponse(responseCode = "401", description = "google.rpc.Status: missing, unknown or revoked key")
    @APIResponse(responseCode = "413", description = "google.rpc.Status: body or event count over the limits")
    @APIResponse(responseCode = "415", description = "google.rpc.Status: Content-Type or Content-Encoding not"
            + " supported")
    @APIResponse(responseCode = "429", description = "google.rpc.Status: rate limited, see Retry-After")
    @APIResponse(responseCode = "503", description = "google.rpc.Status: Kafka unavailable, see Retry-After")
    public Response export(@BeanParam BodyHeaders headers, InputStream body) {
        return exchange.answer(OtlpSignal.LOGS, headers, body,
                (caller, bytes, encoding) -> logs.export(caller, OtlpCodec.readLogs(bytes, encoding)));
    }
}
