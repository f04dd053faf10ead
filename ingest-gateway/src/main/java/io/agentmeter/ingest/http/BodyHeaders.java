package io.agentmeter.ingest.http;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The headers a request with a body is read by ({@code @BeanParam} of the turn, activity, OTLP, recording and admin
 * endpoints): who sends it, and how its body is typed, compressed and sized.
 */
public class BodyHeaders {

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @HeaderParam(HttpHeaders.CONTENT_ENCODING)
    String contentEncoding;

    @HeaderParam(HttpHeaders.CONTENT_LENGTH)
    Long contentLength;

    public String authorization() {
        return authorization;
    }

    public String contentType() {
        return contentType;
    }

    public String contentEncoding() {
        return contentEncoding;
    }

    /** The declared length, -1 when none was sent (a chunked body). */
    public long contentLength() {
        return contentLength == null ? -1 : contentLength;
    }
}
