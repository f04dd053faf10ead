package io.agentmeter.ingest.otlp;

import io.agentmeter.ingest.http.ApiException;
import java.util.Locale;

/** The two OTLP/HTTP encodings; the answer uses the encoding of the request. */
public enum OtlpEncoding {

    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** @throws ApiException 415 for any other Content-Type */
    public static OtlpEncoding of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
            case "application/json" -> JSON;
            default -> throw ApiException.of(415, "unsupported_media_type", "Content-Type",
                    "must be application/x-protobuf or application/json (OTLP/HTTP), got "
                            + (type.isEmpty() ? "none" : type));
        };
    }
}
