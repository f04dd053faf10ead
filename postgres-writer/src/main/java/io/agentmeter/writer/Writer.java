package io.agentmeter.writer;

import io.agentmeter.runtime.HttpEndpoints;
import io.agentmeter.runtime.HttpEndpoints.Health;
import io.agentmeter.runtime.TopicSetup;
import io.agentmeter.schema.priced.PricedTurn;
import io.agentmeter.writer.jdbc.ActivityStorage;
import io.agentmeter.writer.jdbc.JdbcStorage;
import io.agentmeter.writer.jdbc.MonthlyPartitions;
import io.agentmeter.writer.jdbc.Retention;
import io.agentmeter.writer.jdbc.TableUpkeep;
import io.agentmeter.writer.sink.KafkaRollupFeed;
import io.agentmeter.writer.sink.PostgresSink;
import io.agentmeter.writer.sink.SinkKind;
import io.agentmeter.writer.sink.SinkListener;
import io.agentmeter.writer.sink.Sinks;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running writer: the sinks that move priced turns from {@code priced-turns} into PostgreSQL and add them to the
 * rollup tables, and the one that stores the activity events of {@code agent-activity} ({@link PostgresSink}, each
 * kind in a consumer group of its own), the upkeep of those tables ({@link TableUpkeep}) and the HTTP endpoints
 * (health, metrics). A process of its own, so a PostgreSQL outage stops the writer alone (its readiness says so)
 * while the aggregator keeps pricing into Kafka, and either can be restarted or scaled without the other.
 * Lifecycle only; the configuration is {@link WriterConfig}.
 */
public final class Writer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    /** How often the tables are kept in time (partitions ahead, retention); also once at start. */
    private static final Duration UPKEEP_INTERVAL = Duration.ofDays(1);

    private final PrometheusMeterRegistry registry;
    private final Sinks sinks;
    private final TableUpkeep upkeep;
    private final HttpEndpoints http;

    private Writer(WriterConfig config, SinkListener<PricedTurn> listener) throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        var created = TopicSetup.ensure(config.kafkaBootstrap(), config.topics());
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
        // The sinks and the upkeep share what they know of the partitions of turns and activity, see TableUpkeep.
        MonthlyPartitions turnMonths = MonthlyPartitions.turns(Clock.systemUTC(), config.partitionsAhead());
        MonthlyPartitions activityMonths = MonthlyPartitions.activity(Clock.systemUTC(), config.partitionsAhead());
        sinks = sinks(config, turnMonths, activityMonths, listener);
        upkeep = new TableUpkeep(JdbcStorage.dataSource(config.dbUrl(), config.dbUser(), config.dbPassword()),
                List.of(turnMonths, activityMonths), config.retention().map(keep -> new Retention(keep,
                        Clock.systemUTC())), UPKEEP_INTERVAL);
        http = new HttpEndpoints(config.httpHost(), config.httpPort(), this::liveness, this::readiness, registry);
        sinks.start("agentmeter-sink");
        upkeep.start();
        LOG.info("writer started: group {}, HTTP on port {}", config.groupId(), http.port());
    }

    /**
     * The turn sink threads, each with its consumer, connection and rollup feed, in one consumer group; and one
     * activity sink in a group of its own (activity is light: one thread keeps up).
     */
    private Sinks sinks(WriterConfig config, MonthlyPartitions turnMonths, MonthlyPartitions activityMonths,
                        SinkListener<PricedTurn> listener) {
        List<PostgresSink<?>> list = new ArrayList<>();
        for (int i = 1; i <= config.threads(); i++) {
            String name = config.groupId() + "-" + i;
            int index = i;
            list.add(new PostgresSink<>(config.kafkaBootstrap(), config.groupId(), name, SinkKind.PRICED_TURNS,
                    new JdbcStorage(config.dbUrl(), config.dbUser(), config.dbPassword(), turnMonths,
                            new KafkaRollupFeed(config.kafkaBootstrap(), name + "-rollups")),
                    config.batchSize(), config.maxWait(), config.maxBackoff(),
                    config.instanceId().map(id -> id + "-sink-" + index), registry, listener));
        }
        list.add(new PostgresSink<>(config.kafkaBootstrap(), config.activityGroupId(),
                config.activityGroupId() + "-1", SinkKind.ACTIVITY,
                new ActivityStorage(config.dbUrl(), config.dbUser(), config.dbPassword(), activityMonths),
                config.batchSize(), config.maxWait(), config.maxBackoff(),
                config.instanceId().map(id -> id + "-activity-1"), registry, SinkListener.none()));
        return new Sinks(list);
    }

    /** Creates the topics, starts the sinks and the upkeep, and serves HTTP. */
    public static Writer start(WriterConfig config) {
        return start(config, SinkListener.none());
    }

    /** @param listener told after each batch of priced turns is committed (benchmarks measure freshness with it) */
    public static Writer start(WriterConfig config, SinkListener<PricedTurn> listener) {
        try {
            return new Writer(config, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PostgresSink.State state() {
        return sinks.state();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    Health liveness() {
        boolean alive = sinks.alive();
        return new Health(alive, json(alive, sinks.state(), null));
    }

    /** Ready while every sink writes; not while one retries (PostgreSQL down), with the error in the body. */
    Health readiness() {
        PostgresSink.State state = sinks.state();
        boolean up = state == PostgresSink.State.RUNNING;
        return new Health(up, json(up, state, sinks.lastError()));
    }

    private static String json(boolean up, PostgresSink.State sink, String error) {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN")
                .append("\",\"sink\":\"").append(sink).append('"');
        if (error != null) {
            out.append(",\"sink_error\":\"").append(error.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", " ")).append('"');
        }
        return out.append('}').toString();
    }

    /** Stops HTTP, the upkeep and the sinks (a batch not yet committed is re-read by the next owner). */
    @Override
    public void close() {
        http.close();
        upkeep.close();
        sinks.close();
        registry.close();
    }
}
