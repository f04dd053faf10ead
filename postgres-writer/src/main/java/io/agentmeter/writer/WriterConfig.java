package io.agentmeter.writer;

import io.agentmeter.runtime.EnvSettings;
import io.agentmeter.runtime.TopicSetup;
import io.agentmeter.writer.jdbc.MonthlyPartitions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the writer process reads from its environment ({@code AGENTMETER_*}), validated all at once. See
 * docs/writer.md for the table.
 *
 * @param groupId the consumer group of the writer's sinks; its default is the group the sink had when it ran inside
 *                the aggregator ({@code agentmeter-aggregator-sink}), so an upgraded deployment resumes from the
 *                offsets it had committed
 * @param activityGroupId the consumer group of the activity sink ({@code agent-activity} into {@code activity})
 */
public record WriterConfig(
        String kafkaBootstrap,
        TopicSetup.Layout topics,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String groupId,
        String activityGroupId,
        int threads,
        int batchSize,
        Duration maxWait,
        Duration maxBackoff,
        int httpPort,
        Optional<String> httpHost,
        Optional<String> instanceId,
        int partitionsAhead,
        Optional<Duration> retention) {

    static final Duration MIN_RETENTION = Duration.ofDays(31);
    /** The group the sink used inside the aggregator (application id {@code agentmeter-aggregator} + "-sink"). */
    static final String DEFAULT_GROUP = "agentmeter-aggregator-sink";
    static final String DEFAULT_ACTIVITY_GROUP = "agentmeter-activity-sink";

    public static WriterConfig fromEnvironment() {
        return from(System.getenv());
    }

    public static WriterConfig from(Map<String, String> env) {
        EnvSettings r = new EnvSettings(env);
        String bootstrap = r.required("KAFKA_BOOTSTRAP");
        TopicSetup.Layout topics = TopicSetup.Layout.read(r);
        String dbUrl = r.required("DB_URL");
        String dbUser = r.text("DB_USER", null);
        String dbPassword = r.text("DB_PASSWORD", null);
        String group = r.text("SINK_GROUP_ID", DEFAULT_GROUP);
        String activityGroup = r.text("ACTIVITY_GROUP_ID", DEFAULT_ACTIVITY_GROUP);
        int threads = r.integer("SINK_THREADS", 2, 1, 16);
        int batch = r.integer("SINK_BATCH_SIZE", 5000, 1, 100_000);
        Duration maxWait = r.duration("SINK_MAX_WAIT", Duration.ofMillis(200));
        Duration maxBackoff = r.duration("SINK_MAX_BACKOFF", Duration.ofSeconds(30));
        int port = r.integer("HTTP_PORT", 8083, 0, 65535);
        // The address the HTTP endpoints listen on; unset: every interface (as in a container).
        Optional<String> host = r.optional("HTTP_HOST");
        Optional<String> instanceId = r.optional("INSTANCE_ID");
        int partitionsAhead = r.integer("PARTITIONS_AHEAD", MonthlyPartitions.DEFAULT_MONTHS_AHEAD, 1, 120);
        Optional<Duration> retention = r.optional("RETENTION").map(v -> r.duration("RETENTION", null));
        // Retention works in whole months; anything shorter is more likely a unit slip (2m is two minutes) than meant.
        if (retention.filter(keep -> keep.compareTo(MIN_RETENTION) < 0).isPresent()) {
            r.problem(EnvSettings.PREFIX + "RETENTION must be at least 31d (it drops whole months), got "
                    + r.optional("RETENTION").orElse(""));
        }
        r.throwIfInvalid("writer configuration");
        return new WriterConfig(bootstrap, topics, dbUrl, dbUser, dbPassword, group, activityGroup, threads, batch,
                maxWait, maxBackoff, port, host, instanceId, partitionsAhead, retention);
    }
}
