package io.agentmeter.ingest.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sorts the log records of an export: the agent events that are model turns become turn events, their tool, decision,
 * error and prompt events become activity events (by the mapper of their event name, {@link AgentActivityEvents});
 * every other record is ignored with a reason, its event name, so a user can see in the answer and in the gateway's
 * metrics what was sent and not counted. An unknown event is never an error.
 */
public final class LogRouter {

    /** The reason of a record with no event name at all (a plain log line). */
    static final String UNNAMED = "unnamed_log_record";

    private final Map<String, LogEventMapper> mappers;

    public LogRouter() {
        this(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(new ClaudeCodeApiRequest(), new CodexSseEvent(), new GeminiCliApiResponse()),
                AgentActivityEvents.all().stream()).toList());
    }

    LogRouter(List<LogEventMapper> mappers) {
        this.mappers = mappers.stream().collect(Collectors.toUnmodifiableMap(LogEventMapper::eventName,
                Function.identity()));
    }

    /** The turns and the ignored records of one export, in the order sent. */
    public Routed route(ExportLogsServiceRequest request) {
        List<ObjectNode> turns = new ArrayList<>();
        List<String> turnNames = new ArrayList<>();
        List<ObjectNode> activities = new ArrayList<>();
        List<String> activityNames = new ArrayList<>();
        IgnoredItems ignored = new IgnoredItems();
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    OtlpLogRecord log = new OtlpLogRecord(record, resourceLogs.getResource(), scopeLogs.getScope());
                    List<String> names = log.nameCandidates();
                    LogEventMapper mapper = names.stream().map(mappers::get).filter(java.util.Objects::nonNull).findFirst()
                            .orElse(null);
                    if (mapper == null) {
                        ignored.add(names.isEmpty() ? UNNAMED : names.get(0), 1);
                        continue;
                    }
                    LogEventMapper.LogOutcome outcome = mapper.map(log);
                    if (outcome instanceof LogEventMapper.Turn turn) {
                        turns.add(turn.event());
                        turnNames.add(mapper.eventName());
                    } else if (outcome instanceof LogEventMapper.Activity activity) {
                        activities.add(activity.event());
                        activityNames.add(mapper.eventName());
                    } else {
                        ignored.add(((LogEventMapper.Ignored) outcome).reason(), 1);
                    }
                }
            }
        }
        return new Routed(turns, turnNames, activities, activityNames, ignored);
    }

    /**
     * What an export holds.
     *
     * @param turns     turn events, to be validated and published
     * @param turnNames the event name of each turn, for messages
     * @param activities activity events, to be validated and published to agent-activity
     * @param activityNames the event name of each activity event, for messages
     * @param ignored   the other records, counted by reason
     */
    public record Routed(List<ObjectNode> turns, List<String> turnNames, List<ObjectNode> activities,
                         List<String> activityNames, IgnoredItems ignored) {
    }
}
