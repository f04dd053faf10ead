package io.agentmeter.ingest.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * OTLP log exports (protobuf) of Claude Code {@code claude_code.api_request} events carrying the benchmark's turns: the
 * attributes Claude Code sends (as in the tests' {@code AgentTelemetry}: counts as strings, body the full event name,
 * no {@code request_id}, so the gateway derives each event id from the record), with the model, session, user, agent,
 * duration and token counts of the matching {@code /v1/turns} event.
 */
final class ClaudeCodeLogs {

    private static final String INSTALLATION = "9c2e1f0b7a4d4e3f8a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
    private static final String ORGANIZATION = "8f2a9d7c-51f6-4d3b-a2c4-0f4e9b1d7a36";

    private ClaudeCodeLogs() {
    }

    /** One export of one resource and scope holding an {@code api_request} record per turn. */
    static ExportLogsServiceRequest export(List<BenchTurn> turns, int firstSequence) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder()
                .setName("com.anthropic.claude_code.events").setVersion("2.1.38"));
        for (int i = 0; i < turns.size(); i++) {
            scope.addLogRecords(apiRequest(turns.get(i), firstSequence + i));
        }
        Resource resource = Resource.newBuilder()
                .addAttributes(text("service.name", "claude-code"))
                .addAttributes(text("service.version", "2.1.38"))
                .addAttributes(text("os.type", "linux"))
                // the turn event's agent; without it the agent would be claude-code
                .addAttributes(text("agentmeter.agent", BenchTurn.AGENT))
                .build();
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
                .build();
    }

    private static LogRecord apiRequest(BenchTurn turn, int sequence) {
        Instant end = turn.end();
        long nanos = ChronoUnit.NANOS.between(Instant.EPOCH, end);
        return LogRecord.newBuilder()
                .setTimeUnixNano(nanos)
                .setObservedTimeUnixNano(nanos)
                .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
                .addAttributes(text("user.id", INSTALLATION))
                .addAttributes(text("session.id", turn.sessionId()))
                .addAttributes(text("organization.id", ORGANIZATION))
                .addAttributes(text("user.account_uuid", turn.userId()))
                .addAttributes(text("terminal.type", "xterm-256color"))
                .addAttributes(text("event.name", "api_request"))
                .addAttributes(text("event.timestamp", end.truncatedTo(ChronoUnit.MILLIS).toString()))
                .addAttributes(KeyValue.newBuilder().setKey("event.sequence")
                        .setValue(AnyValue.newBuilder().setIntValue(sequence)))
                .addAttributes(text("prompt.id", UUID.randomUUID().toString()))
                .addAttributes(text("model", BenchTurn.MODEL))
                // Claude Code's input_tokens leaves the cache out; the gateway adds the cache reads and writes back.
                .addAttributes(text("input_tokens",
                        Long.toString(turn.inputTokens() - BenchTurn.CACHE_READ_TOKENS)))
                .addAttributes(text("output_tokens", Long.toString(BenchTurn.OUTPUT_TOKENS)))
                .addAttributes(text("cache_read_tokens", Long.toString(BenchTurn.CACHE_READ_TOKENS)))
                .addAttributes(text("cache_creation_tokens", "0"))
                .addAttributes(KeyValue.newBuilder().setKey("cost_usd")
                        .setValue(AnyValue.newBuilder().setDoubleValue(0.0492)))
                .addAttributes(text("duration_ms", Integer.toString(BenchTurn.DURATION_MS)))
                .build();
    }

    /**
     * The events of a batch of {@code sent} records that an answer of POST /v1/logs accepted: all unless
     * {@code partial_success} counts rejected ones; none unless 200.
     */
    static int accepted(int status, byte[] response, int sent) {
        if (status != 200) {
            return 0;
        }
        try {
            return sent - (int) ExportLogsServiceResponse.parseFrom(response).getPartialSuccess()
                    .getRejectedLogRecords();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
