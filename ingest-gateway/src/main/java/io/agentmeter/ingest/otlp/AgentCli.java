package io.agentmeter.ingest.otlp;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The coding agents whose own OpenTelemetry log events become turns: the agent name their turns get, the prefix of
 * the {@code service.name} they set themselves, and the prefix of the event ids derived for them.
 */
enum AgentCli {

    CLAUDE_CODE("claude-code", "claude", "cc-otlp:", "com.anthropic.claude_code", Set.of("claude-code"),
            "claude_code", "session.id"),
    CODEX("codex", "codex", "codex-otlp:", "codex", Set.of("codex_cli_rs", "codex_exec", "codex-tui"), "codex",
            "conversation.id"),
    GEMINI_CLI("gemini-cli", "gemini", "gemini-otlp:", "gemini-cli", Set.of("gemini-cli"), "gemini_cli",
            "session.id");

    /** The resource attribute that names the agent whatever the service is called. */
    static final String AGENT_ATTRIBUTE = "agentmeter.agent";

    private final String agent;
    private final String ownServicePrefix;
    private final String idPrefix;
    private final String tracerPrefix;
    private final Set<String> ownServiceNames;
    private final String source;
    private final String sessionAttribute;

    AgentCli(String agent, String ownServicePrefix, String idPrefix, String tracerPrefix,
             Set<String> ownServiceNames, String source, String sessionAttribute) {
        this.agent = agent;
        this.ownServicePrefix = ownServicePrefix;
        this.idPrefix = idPrefix;
        this.tracerPrefix = tracerPrefix;
        this.ownServiceNames = ownServiceNames;
        this.source = source;
        this.sessionAttribute = sessionAttribute;
    }

    /** The {@code source} of the activity events made from this CLI's log records ({@code claude_code} ...). */
    String source() {
        return source;
    }

    /** The attribute holding the session id in this CLI's log records. */
    String sessionAttribute() {
        return sessionAttribute;
    }

    /**
     * The CLI a span comes from, if any: its tracer (instrumentation scope) is the CLI's own
     * ({@code com.anthropic.claude_code.tracing}, {@code codex_otel}, {@code gemini-cli}), or its
     * {@code gen_ai.agent.name} or resource {@code service.name} is the name the CLI gives itself. These CLIs report
     * every model call as a log event already; their spans of the same calls (Gemini CLI always sends them, Claude
     * Code and Codex when their traces are switched on) would count each call a second time.
     */
    static Optional<AgentCli> ofSpan(String tracer, Optional<String> agentName, Optional<String> serviceName) {
        for (AgentCli cli : values()) {
            if (tracer.startsWith(cli.tracerPrefix) || agentName.filter(cli.ownServiceNames::contains).isPresent()
                    || serviceName.filter(cli.ownServiceNames::contains).isPresent()) {
                return Optional.of(cli);
            }
        }
        return Optional.empty();
    }

    /** The reason a span of this CLI is ignored under. */
    String spanIgnoredReason() {
        return agent + "_span:counted_from_its_log_events";
    }

    String idPrefix() {
        return idPrefix;
    }

    /**
     * The turn's agent: the resource's {@code agentmeter.agent}; else {@code service.name} when the user changed it
     * (OTEL_SERVICE_NAME); else this CLI's name. The CLIs' own service names ({@code claude-code}, {@code codex_cli_rs},
     * {@code codex_exec}, {@code gemini-cli}...) and the SDKs' {@code unknown_service*} all count as not changed, so the
     * same CLI is one agent whichever way it was started.
     */
    String agent(OtlpLogRecord record) {
        return record.resourceText(AGENT_ATTRIBUTE)
                .or(() -> record.resourceText("service.name").filter(this::setByUser))
                .orElse(agent);
    }

    private boolean setByUser(String serviceName) {
        String name = serviceName.strip().toLowerCase(Locale.ROOT);
        return !name.startsWith(ownServicePrefix) && !name.startsWith("unknown_service");
    }
}
