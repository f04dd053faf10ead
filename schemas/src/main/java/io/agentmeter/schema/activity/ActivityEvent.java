package io.agentmeter.schema.activity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing an agent did between its turns: the activity event, schema v1 ({@code activity-event.v1.schema.json},
 * docs/ingest.md). Never counted as spend. Every optional field may be null, meaning "not reported".
 *
 * @param tenantId set by the ingest gateway from the API key; direct Kafka producers set it themselves
 * @param payload  free text, at most {@link io.agentmeter.schema.validation.ActivityPayload#MAX_BYTES} bytes of
 *                 UTF-8 once read (a longer one is cut with a marker)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityEvent(
        Integer schemaVersion,
        String tenantId,
        String eventId,
        Instant occurredAt,
        String sessionId,
        ActivityKind kind,
        String name,
        ActivityStatus status,
        Long durationMs,
        String model,
        String provider,
        String project,
        String agent,
        String userId,
        String source,
        String payload) {

    /** A builder for events made in code (importers, tests). */
    public static Builder builder() {
        return new Builder();
    }

    /** The same event with another payload (null to drop it). */
    public ActivityEvent withPayload(String value) {
        return new ActivityEvent(schemaVersion, tenantId, eventId, occurredAt, sessionId, kind, name, status,
                durationMs, model, provider, project, agent, userId, source, value);
    }

    /** The same event owned by {@code value} (a direct Kafka producer sets the tenant itself). */
    public ActivityEvent withTenant(String value) {
        return new ActivityEvent(schemaVersion, value, eventId, occurredAt, sessionId, kind, name, status,
                durationMs, model, provider, project, agent, userId, source, payload);
    }

    /** The same event with another agent. */
    public ActivityEvent withAgent(String value) {
        return new ActivityEvent(schemaVersion, tenantId, eventId, occurredAt, sessionId, kind, name, status,
                durationMs, model, provider, project, value, userId, source, payload);
    }

    /** The same event with another project and user (defaults from a command line). */
    public ActivityEvent withProjectAndUser(String newProject, String newUser) {
        return new ActivityEvent(schemaVersion, tenantId, eventId, occurredAt, sessionId, kind, name, status,
                durationMs, model, provider, newProject, agent, newUser, source, payload);
    }

    /** Builds an {@link ActivityEvent}; unset fields stay null (not reported). */
    public static final class Builder {
        private String eventId;
        private Instant occurredAt;
        private String sessionId;
        private ActivityKind kind;
        private String name;
        private ActivityStatus status;
        private Long durationMs;
        private String model;
        private String provider;
        private String project;
        private String agent;
        private String userId;
        private String source;
        private String payload;

        private Builder() {
        }

        public Builder eventId(String value) {
            eventId = value;
            return this;
        }

        public Builder occurredAt(Instant value) {
            occurredAt = value;
            return this;
        }

        public Builder sessionId(String value) {
            sessionId = value;
            return this;
        }

        public Builder kind(ActivityKind value) {
            kind = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder status(ActivityStatus value) {
            status = value;
            return this;
        }

        public Builder durationMs(Long value) {
            durationMs = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder provider(String value) {
            provider = value;
            return this;
        }

        public Builder project(String value) {
            project = value;
            return this;
        }

        public Builder agent(String value) {
            agent = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder payload(String value) {
            payload = value;
            return this;
        }

        public ActivityEvent build() {
            return new ActivityEvent(1, null, eventId, occurredAt, sessionId, kind, name, status, durationMs, model,
                    provider, project, agent, userId, source, payload);
        }
    }
}
