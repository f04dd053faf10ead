package io.agentmeter.ingest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's header, served at {@code /q/openapi}; docs/ingest.md is the prose version. */
@OpenAPIDefinition(info = @Info(title = "agentmeter ingest gateway", version = "1",
        description = "Takes turn events from agents (JSON, NDJSON, OTLP/HTTP) and publishes them to Kafka. A 2xx"
                + " answer means every accepted event is durably in Kafka (acks=all); any other answer may be retried"
                + " safely, as events are deduplicated downstream by event_id. Errors are JSON: {\"error\": code,"
                + " \"message\": text, \"errors\": [{\"path\", \"reason\"}]}. Mixed batches: valid items are"
                + " accepted, invalid ones are listed with every error (status 400).",
        license = @License(name = "Apache-2.0")))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An ingest API key: Authorization: Bearer am_ingest_..."),
        @SecurityScheme(securitySchemeName = "adminSecret", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "The admin secret (AGENTMETER_ADMIN_SECRET)")})
public class OpenApiDefinition extends Application {
}
