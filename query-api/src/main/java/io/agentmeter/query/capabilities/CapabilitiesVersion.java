package io.agentmeter.query.capabilities;

/** The API's version, shown by {@code /v1/capabilities} and in the OpenAPI document. */
public final class CapabilitiesVersion {

    /** Grows with every backwards-compatible addition; a breaking change gets a new path prefix (/v2). */
    public static final String API_VERSION = "1.0";

    private CapabilitiesVersion() {
    }
}
