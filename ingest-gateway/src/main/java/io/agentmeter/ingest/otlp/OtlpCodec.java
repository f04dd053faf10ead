package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.schema.Json;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes OTLP/HTTP messages in both encodings. OTLP's JSON differs from protobuf's canonical JSON in one
 * way that matters here: trace and span ids are hex strings, not base64; they are converted before
 * {@link JsonFormat} reads the message. Field names may be lowerCamelCase or as in the .proto, enums names or numbers.
 */
public final class OtlpCodec {

    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final List<String> ID_FIELDS = List.of("traceId", "trace_id", "spanId", "span_id",
            "parentSpanId", "parent_span_id");  // spans, span links, log records and metric exemplars

    private OtlpCodec() {
    }

    /** @throws ApiException 400 when the body is not an {@code ExportTraceServiceRequest} in {@code encoding} */
    public static ExportTraceServiceRequest readRequest(byte[] body, OtlpEncoding encoding) {
        return (ExportTraceServiceRequest) read(body, encoding, OtlpSignal.TRACES);
    }

    /** @throws ApiException 400 when the body is not an {@code ExportLogsServiceRequest} in {@code encoding} */
    public static ExportLogsServiceRequest readLogs(byte[] body, OtlpEncoding encoding) {
        return (ExportLogsServiceRequest) read(body, encoding, OtlpSignal.LOGS);
    }

    /** @throws ApiException 400 when the body is not an {@code ExportMetricsServiceRequest} in {@code encoding} */
    public static ExportMetricsServiceRequest readMetrics(byte[] body, OtlpEncoding encoding) {
        return (ExportMetricsServiceRequest) read(body, encoding, OtlpSignal.METRICS);
    }

    /** The export request of {@code signal}; one decoder for every signal, so they accept exactly the same forms. */
    static Message read(byte[] body, OtlpEncoding encoding, OtlpSignal signal) {
        Message.Builder request = signal.newRequest();
        if (encoding == OtlpEncoding.PROTOBUF) {
            try {
                return request.mergeFrom(body).build();
            } catch (InvalidProtocolBufferException e) {
                throw ApiException.badRequest("malformed_otlp", "body",
                        "is not an OTLP " + signal.requestName() + " (protobuf): " + e.getMessage());
            }
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "body", "is not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("malformed_otlp", "body", "must be an OTLP " + signal.requestName()
                    + " object");
        }
        hexIdsToBase64(tree, "$");
        try {
            JSON_PARSER.merge(tree.toString(), request);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("malformed_otlp", "body",
                    "is not an OTLP " + signal.requestName() + " (JSON): " + e.getMessage());
        }
        return request.build();
    }

    /** The trace export answer: {@code partial_success} set when spans were rejected or when there is a warning. */
    public static byte[] writeResponse(long rejectedSpans, String message, OtlpEncoding encoding) {
        return writeResponse(OtlpSignal.TRACES, rejectedSpans, message, encoding);
    }

    /** The success answer of {@code signal} ({@link OtlpSignal#response}), in the request's encoding. */
    public static byte[] writeResponse(OtlpSignal signal, long rejected, String message, OtlpEncoding encoding) {
        if (encoding == OtlpEncoding.PROTOBUF) {
            return signal.response(new ExportOutcome(rejected, message)).toByteArray();
        }
        boolean partial = OtlpSignal.isPartial(rejected, message);
        ObjectNode response = Json.mapper().createObjectNode();
        if (partial) {
            response.putObject("partialSuccess").put(signal.rejectedField(), rejected).put("errorMessage", message);
        }
        return response.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * An error answer as OTLP wants it: a {@code google.rpc.Status} ({@code code}, {@code message}) in the request's
     * encoding.
     */
    public static byte[] writeStatus(int grpcCode, String message, OtlpEncoding encoding) {
        if (encoding == OtlpEncoding.JSON) {
            ObjectNode status = Json.mapper().createObjectNode().put("code", grpcCode).put("message", message);
            status.putArray("details");
            return status.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            // google.rpc.Status: int32 code = 1; string message = 2; repeated Any details = 3.
            out.writeInt32(1, grpcCode);
            out.writeString(2, message);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The gRPC status code OTLP pairs with an HTTP status. */
    public static int grpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 415 -> 3;   // INVALID_ARGUMENT
            case 401 -> 16;            // UNAUTHENTICATED
            case 403 -> 7;             // PERMISSION_DENIED
            case 429 -> 8;             // RESOURCE_EXHAUSTED
            case 503 -> 14;            // UNAVAILABLE
            default -> 13;             // INTERNAL
        };
    }

    private static void hexIdsToBase64(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                hexIdsToBase64(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String field : ID_FIELDS) {
                JsonNode id = object.get(field);
                if (id != null && id.isTextual()) {
                    object.put(field, hexToBase64(id.textValue(), path + "." + field));
                }
            }
            object.fields().forEachRemaining(entry -> {
                if (entry.getValue().isContainerNode()) {
                    hexIdsToBase64(entry.getValue(), path + "." + entry.getKey());
                }
            });
        }
    }

    private static String hexToBase64(String hex, String path) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed_otlp", path, "must be a hex-encoded id (OTLP/JSON), got \""
                    + (hex.length() > 40 ? hex.substring(0, 40) + "…" : hex) + "\"");
        }
    }
}
