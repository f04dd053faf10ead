package io.agentmeter.cli.turns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.event.ContextWindow;
import io.agentmeter.schema.event.Prompt;
import io.agentmeter.schema.event.TokenBreakdown;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TurnEvent} field by field (its canonical constructor takes 26 arguments). Unset fields stay null:
 * not reported. Not thread-safe; one builder per event.
 */
public final class TurnBuilder {

    private String eventId;
    private Instant occurredAt;
    private String sessionId;
    private String model;
    private String provider;
    private String project;
    private String agent;
    private String userId;
    private String conversationId;
    private String threadId;
    private Integer turnIndex;
    private Instant startedAt;
    private Long durationMs;
    private String status;
    private String errorType;
    private Usage usage;
    private TokenBreakdown tokenBreakdown;
    private ContextWindow context;
    private List<ToolUse> tools;
    private BigDecimal reportedCostUsd;
    private ObjectNode params;
    private Prompt prompt;
    private Map<String, String> labels;
    private String recordingId;

    public static TurnBuilder turn() {
        return new TurnBuilder();
    }

    /** A builder holding every field of {@code event} except its tenant and schema version. */
    public static TurnBuilder from(TurnEvent event) {
        TurnBuilder b = new TurnBuilder();
        b.eventId = event.eventId();
        b.occurredAt = event.occurredAt();
        b.sessionId = event.sessionId();
        b.model = event.model();
        b.provider = event.provider();
        b.project = event.project();
        b.agent = event.agent();
        b.userId = event.userId();
        b.conversationId = event.conversationId();
        b.threadId = event.threadId();
        b.turnIndex = event.turnIndex();
        b.startedAt = event.startedAt();
        b.durationMs = event.durationMs();
        b.status = event.status();
        b.errorType = event.errorType();
        b.usage = event.usage();
        b.tokenBreakdown = event.tokenBreakdown();
        b.context = event.context();
        b.tools = event.tools();
        b.reportedCostUsd = event.reportedCostUsd();
        b.params = event.params();
        b.prompt = event.prompt();
        b.labels = event.labels() == null ? null : new LinkedHashMap<>(event.labels());
        b.recordingId = event.recordingId();
        return b;
    }

    public TurnEvent build() {
        return new TurnEvent(null, null, eventId, occurredAt, sessionId, model, provider, project, agent, userId,
                conversationId, threadId, turnIndex, startedAt, durationMs, status, errorType, usage, tokenBreakdown,
                context, tools == null ? null : List.copyOf(tools), reportedCostUsd, params, prompt,
                labels == null ? null : Map.copyOf(labels), recordingId);
    }

    public TurnBuilder eventId(String value) {
        eventId = value;
        return this;
    }

    public TurnBuilder occurredAt(Instant value) {
        occurredAt = value;
        return this;
    }

    public TurnBuilder sessionId(String value) {
        sessionId = value;
        return this;
    }

    public TurnBuilder model(String value) {
        model = value;
        return this;
    }

    public TurnBuilder provider(String value) {
        provider = value;
        return this;
    }

    public TurnBuilder project(String value) {
        project = value;
        return this;
    }

    public TurnBuilder agent(String value) {
        agent = value;
        return this;
    }

    public TurnBuilder userId(String value) {
        userId = value;
        return this;
    }

    public TurnBuilder conversationId(String value) {
        conversationId = value;
        return this;
    }

    public TurnBuilder threadId(String value) {
        threadId = value;
        return this;
    }

    public TurnBuilder turnIndex(Integer value) {
        turnIndex = value;
        return this;
    }

    public TurnBuilder startedAt(Instant value) {
        startedAt = value;
        return this;
    }

    public TurnBuilder durationMs(Long value) {
        durationMs = value;
        return this;
    }

    public TurnBuilder status(String value) {
        status = value;
        return this;
    }

    public TurnBuilder errorType(String value) {
        errorType = value;
        return this;
    }

    public TurnBuilder usage(Usage value) {
        usage = value;
        return this;
    }

    public TurnBuilder tokenBreakdown(TokenBreakdown value) {
        tokenBreakdown = value;
        return this;
    }

    public TurnBuilder context(ContextWindow value) {
        context = value;
        return this;
    }

    public TurnBuilder tools(List<ToolUse> value) {
        tools = value;
        return this;
    }

    public TurnBuilder reportedCostUsd(BigDecimal value) {
        reportedCostUsd = value;
        return this;
    }

    public TurnBuilder params(ObjectNode value) {
        params = value;
        return this;
    }

    public TurnBuilder prompt(Prompt value) {
        prompt = value;
        return this;
    }

    /** Replaces the labels. */
    public TurnBuilder labels(Map<String, String> value) {
        labels = value == null ? null : new LinkedHashMap<>(value);
        return this;
    }

    /** Adds (or replaces) one label. */
    public TurnBuilder label(String key, String value) {
        if (labels == null) {
            labels = new LinkedHashMap<>();
        }
        labels.put(key, value);
        return this;
    }

    public TurnBuilder recordingId(String value) {
        recordingId = value;
        return this;
    }
}
