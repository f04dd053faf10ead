package io.agentmeter.cli.up;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** What {@code up} prints once everything runs: the URLs, the demo keys and commands to paste. */
public final class Banner {

    /** The model and counts of the example turn; 1200 × $3/M + 300 × $15/M in the shipped price book. */
    public static final String EXAMPLE_MODEL = "claude-sonnet-4-5";
    public static final String EXAMPLE_COST = "0.0081";

    private Banner() {
    }

    /**
     * The shell's current time in the example's {@code occurred_at}: spliced into the single-quoted JSON, so the turn
     * is always inside the summary's default range (the last 7 days) however long after {@code up} it is pasted.
     */
    public static final String SHELL_NOW = "'\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"'";

    /** The example turn's JSON, timed {@code at} (a fixed event id: sending it twice still counts it once). */
    public static String exampleTurn(Instant at) {
        return exampleTurn(at.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** The example turn as a single-quoted shell word whose {@code occurred_at} is the time it is run. */
    public static String exampleTurnForShell() {
        return "'" + exampleTurn(SHELL_NOW) + "'";
    }

    private static String exampleTurn(String occurredAt) {
        return "{\"event_id\":\"hello-1\",\"occurred_at\":\"" + occurredAt
                + "\",\"session_id\":\"hello\",\"model\":\"" + EXAMPLE_MODEL + "\",\"agent\":\"curl\","
                + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":300}}";
    }

    public static String render(RunningSystem system, double startSeconds, Instant now) {
        DemoCredentials keys = system.credentials();
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(nl).append(String.format(Locale.ROOT,
                "agentmeter is up (%.1f s). A part that dies is restarted; Ctrl-C stops everything; the data stays"
                        + " in %s%n%n", startSeconds,
                system.dataDir()));
        row(out, "ingest gateway", system.gateway()
                + "   POST /v1/turns (JSON, NDJSON), /v1/traces, /v1/logs, /v1/metrics (OTLP); /admin/*");
        row(out, "OTLP/gRPC", system.otlpGrpc() + "   logs, metrics and traces services (Bearer ingest key)");
        row(out, "query API", system.queryApi() + "   GET /v1/summary, /v1/sessions, /v1/series, /v1/compare/..."
                + "   OpenAPI " + system.queryApi().resolve("/q/openapi"));
        URI dashboard = system.queryApi().resolve("/dashboard/");
        row(out, "dashboard", answers(dashboard) ? dashboard.toString()
                : system.queryApi().resolve("/") + "   (placeholder: the query API serves no dashboard page yet)");
        URI queryMetrics = system.queryApi().resolve("/q/metrics");
        row(out, "metrics", system.gateway().resolve("/q/metrics") + " (gateway)   "
                + system.aggregator().resolve("/metrics") + " (aggregator)   "
                + system.writer().resolve("/metrics") + " (writer)"
                + (answers(queryMetrics) ? "   " + queryMetrics + " (query API)" : ""));
        row(out, "health", system.gateway().resolve("/q/health/ready") + "   "
                + system.aggregator().resolve("/health/ready") + "   " + system.writer().resolve("/health/ready")
                + "   " + system.queryApi().resolve("/q/health/ready"));
        row(out, "Kafka", system.kafkaBootstrap() + (system.kafkaEmbedded() ? "" : " (external)")
                + "   raw turns: topic agent-turns, key tenant:session_id");
        row(out, "PostgreSQL", system.dbUrl() + (system.dbEmbedded() ? "" : " (external)") + "   user "
                + system.dbUser() + (system.dbEmbedded() ? ", password: " + DemoCredentials.DB_PASSWORD
                + " in the keys file" : ""));
        row(out, "logs", system.logDir() + "/{gateway,aggregator,writer,query-api,stack}.log");
        out.append(nl);
        row(out, "tenant", keys.tenant());
        row(out, "ingest key", keys.ingestKey());
        row(out, "query token", keys.queryKey() + "   (role " + DemoTenant.QUERY_ROLE + ")");
        row(out, "keys file", system.credentialsFile() + "   (mode 0600; read by bin/agentmeter demo and import)");
        out.append(nl).append("Try it:").append(nl);
        out.append("  # send a turn; answer {\"accepted\":1,\"rejected\":0,\"rejected_items\":[]}").append(nl);
        out.append("  curl -s -X POST ").append(system.gateway().resolve("/v1/turns"))
                .append(" -H 'Authorization: Bearer ").append(keys.ingestKey()).append("' \\").append(nl)
                .append("       -H 'Content-Type: application/json' -d ").append(exampleTurnForShell())
                .append(nl);
        out.append("  # a few seconds later: the last 7 days' totals (on a new tenant current.figures has turns 1,")
                .append(nl).append("  # input_tokens 1200, output_tokens 300, cost_usd ").append(EXAMPLE_COST)
                .append("; sending the same turn again changes nothing)").append(nl);
        out.append("  curl -s ").append(system.queryApi().resolve("/v1/summary"))
                .append(" -H 'Authorization: Bearer ").append(keys.queryKey()).append("'").append(nl);
        out.append("  # the most expensive sessions").append(nl);
        out.append("  curl -s '").append(system.queryApi().resolve("/v1/sessions?sort=cost&limit=5"))
                .append("' -H 'Authorization: Bearer ").append(keys.queryKey()).append("'").append(nl);
        out.append("  # Claude Code: these three lines in its shell make it report each model call here (logs over OTLP;")
                .append(nl).append("  # Codex, Gemini CLI and OTel GenAI apps: docs/connect-your-agent.md)").append(nl);
        claudeCodeExports(system).forEach(line -> out.append("  ").append(line).append(nl));
        out.append("  # simulated agents, from another terminal (uses the keys file)").append(nl);
        out.append("  bin/agentmeter demo --turns 200").append(nl);
        return out.toString();
    }

    /** The environment that points Claude Code's OpenTelemetry exporter at this gateway, with the demo ingest key. */
    public static List<String> claudeCodeExports(RunningSystem system) {
        return List.of(
                "export CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                "export OTEL_EXPORTER_OTLP_ENDPOINT=" + system.gateway(),
                "export OTEL_EXPORTER_OTLP_HEADERS='Authorization=Bearer " + system.credentials().ingestKey() + "'");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-15s %s%n", name, value));
    }

    /** True when a GET answers 2xx within a second. */
    private static boolean answers(URI uri) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
