package io.agentmeter.aggregator;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.runtime.HttpEndpoints;
import io.agentmeter.runtime.HttpEndpoints.Health;
import io.agentmeter.runtime.TopicSetup;
import io.agentmeter.schema.kafka.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running aggregator: the Kafka Streams topology and the HTTP endpoints. Lifecycle only; the topology is
 * {@link AggregatorTopology#build}, the configuration {@link AggregatorConfig}. What it writes to
 * {@code priced-turns} reaches PostgreSQL through the writer (module postgres-writer), a process of its own.
 */
public final class Aggregator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpEndpoints http;

    private Aggregator(AggregatorConfig config) throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        prepareKafka(config);
        PriceBook prices = config.priceFile().isPresent()
                ? PriceBook.load(config.priceFile().get(), Instant.EPOCH) : PriceBook.loadShipped();
        LOG.info("price book seeded with {} price versions", prices.size());
        Topology topology = AggregatorTopology.build(config.topology(), prices, new AggregatorMetrics(registry),
                Clock.systemUTC());
        streams = new KafkaStreams(topology, streamsConfig(config));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it (its transaction aborts, its input is read again)", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        http = new HttpEndpoints(config.httpHost(), config.httpPort(), this::liveness, this::readiness, registry);
        streams.start();
        LOG.info("aggregator {} started: HTTP on port {}", config.applicationId(), http.port());
    }

    /** Creates the topics, starts the topology and serves HTTP. */
    public static Aggregator start(AggregatorConfig config) {
        try {
            return new Aggregator(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kafka Streams configuration: exactly_once_v2, named state directory, error handlers. */
    public static Properties streamsConfig(AggregatorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topicReplication().factor());
        // The internal topics (changelogs, repartition) get the same min.insync.replicas as the created ones.
        config.topicReplication().topicConfig().forEach((name, value) ->
                props.put(StreamsConfig.topicPrefix(name), value));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionErrors.class.getName());
        // Records the handlers skip land, with their source bytes and the exception in headers, on the DLQ topic.
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.TURNS_DLQ.name());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Under exactly_once_v2 nothing sent is visible to a read_committed reader before the commit, and the commit
        // flushes the producer; lingering up to the commit interval therefore costs no freshness and sends fewer,
        // fuller batches (the producer's network thread took a third less CPU than with 5 ms; docs/aggregator.md).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
                (int) Math.max(5, config.commitInterval().toMillis()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        // A transaction open longer than this is aborted by its coordinator and the thread that ran it is fenced. On
        // a cluster a dead broker stalls every acks=all write until the controller fences it (9 s), so a shorter
        // timeout turns a broker failure into a replaced stream thread (docs/aggregator.md, Configuration).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) config.transactionTimeout().toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // Static membership: a restarted instance takes its partitions back at once instead of after the session
        // timeout of its dead predecessor.
        config.instanceId().ifPresent(id ->
                props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        return props;
    }

    /** Creates the topics. */
    private static void prepareKafka(AggregatorConfig config) {
        var created = TopicSetup.ensure(config.kafkaBootstrap(), config.topicPartitions(), config.topicReplication());
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    Health liveness() {
        KafkaStreams.State state = streams.state();
        boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
        return new Health(alive, json(alive, state));
    }

    Health readiness() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING;
        return new Health(up, json(up, state));
    }

    private static String json(boolean up, KafkaStreams.State streams) {
        return "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"streams\":\"" + streams + "\"}";
    }

    /** Stops HTTP and the topology (committing what it processed). */
    @Override
    public void close() {
        http.close();
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        registry.close();
    }
}
