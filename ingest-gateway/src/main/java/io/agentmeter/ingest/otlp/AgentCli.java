package io.agentmeter.ingest.otlp;

import java.util.Locale;

/**
 * The coding agents whose own OpenTelemetry log events become turns: the agent name their turns get, the prefix of
 * the {@code service.name} they set themselves, and the prefix of the event ids derived for them.
 */
enum AgentCli {

    CLAUDE_CODE("claude-code", "claude", "cc-otlp:"),
    CODEX("codex", "codex", "codex-otlp:"),
    GEMINI_CLI("gemini-cli", "gemini", "gemini-otlp:");

    /** The resource attribute that names the agent whatever the service is called. */
    static final String AGENT_ATTRIBUTE = "agentmeter.agent";

    private final String agent;
    private final String ownServicePrefix;
    private final String idPrefix;

    AgentCli(String agent, String ownServicePrefix, String idPrefix) {
        this.agent = agent;
        this.ownServicePrefix = ownServicePrefix;
        this.idPrefix = idPrefix;
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
