package io.agentmeter.query.oracle;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.rollup.AgentRollup;
import io.agentmeter.schema.rollup.ModelRollup;
import io.agentmeter.schema.rollup.Rollup;
import io.agentmeter.schema.rollup.SessionRollup;
import io.agentmeter.schema.rollup.ToolRollup;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The rollup topics carry the rollup tables: read from the start, the highest version of every key (what a reader
 * keeps) equals the table's row, per session exactly (turns, cost, version), per windowed table in keys, turns and
 * versions summed.
 */
final class RollupTopicChecks {

    private final Map<String, Object> clientConfig;
    private final Recompute sql;
    private final Discrepancies d;

    RollupTopicChecks(Map<String, Object> clientConfig, Recompute sql, Discrepancies d) {
        this.clientConfig = clientConfig;
        this.sql = sql;
        this.d = d;
    }

    void check() throws Exception {
        Map<String, SessionRollup> sessions = latest(Topics.SESSION_ROLLUPS, SessionRollup::totals);
        Map<String, String> table = sql.pairs("SELECT tenant_id || ':' || session_id, turns || '/'"
                + " || coalesce(trim_scale(cost_usd)::text, '-') || '/' || version FROM session_rollups");
        d.equal("rollup topics", "session-rollups keys", table.size(), sessions.size());
        table.forEach((key, row) -> {
            SessionRollup r = sessions.get(key);
            d.equal("rollup topics", "session-rollups " + key, row, r == null ? null : figures(r.totals()));
        });
        windowed(Topics.MODEL_ROLLUPS, ModelRollup::totals, "model_rollups");
        windowed(Topics.AGENT_ROLLUPS, AgentRollup::totals, "agent_rollups");
        windowed(Topics.TOOL_ROLLUPS, ToolRollup::totals, "tool_rollups");
    }

    private <V> void windowed(Topic<String, V> topic, Function<V, Rollup> totals, String table) throws Exception {
        Map<String, V> latest = latest(topic, totals);
        long turns = 0;
        long versions = 0;
        for (V value : latest.values()) {
            turns += totals.apply(value).turns();
            versions += totals.apply(value).version();
        }
        d.equal("rollup topics", topic.name() + " keys / turns / versions",
                sql.text("SELECT count(*) || ' / ' || coalesce(sum(turns), 0) || ' / ' || coalesce(sum(version), 0)"
                        + " FROM " + table), latest.size() + " / " + turns + " / " + versions);
    }

    private static String figures(Rollup r) {
        BigDecimal cost = r.costUsd();
        return r.turns() + "/" + (cost == null ? "-" : cost.stripTrailingZeros().toPlainString()) + "/" + r.version();
    }

    /** Every record of {@code topic} from the start to its end now, the highest version per key. */
    private <V> Map<String, V> latest(Topic<String, V> topic, Function<V, Rollup> totals) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, V> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic.name() + " not read to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    out.merge(record.key(), value, (a, b) -> totals.apply(b).version() >= totals.apply(a).version()
                            ? b : a);
                }
            }
        }
        return out;
    }
}
