package io.agentmeter.query;

import io.agentmeter.query.capabilities.CapabilitiesVersion;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header, served at {@code /q/openapi}; docs/query-api.md is the prose version. */
@OpenAPIDefinition(info = @Info(title = "agentmeter query API", version = CapabilitiesVersion.API_VERSION,
        description = "Usage and cost of LLM agent turns: summaries, series, burn rate, sessions, model and session"
                + " comparisons, breakdowns, heatmap, export. Every query is scoped to the tenant of the query key."
                + " Null means unknown (not reported), never 0: token sums come with *_turns coverage counts, cost with"
                + " cost_turns / unpriced_turns / incomplete_cost_turns. Money is an exact decimal (USD). JSON by"
                + " default; CSV with Accept: text/csv or format=csv. Errors are JSON: {\"error\": code, \"message\":"
                + " text, \"errors\": [{\"parameter\", \"reason\"}]}.",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(securitySchemeName = "queryKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A query API key (api_keys kind 'query'): Authorization: Bearer am_query_... Its role (viewer,"
                + " developer, admin) decides what it may read.")
public class OpenApiDefinition extends Application {
}
