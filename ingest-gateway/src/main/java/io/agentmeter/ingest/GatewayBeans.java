package io.agentmeter.ingest;

import io.agentmeter.ingest.activity.ActivityIngestor;
import io.agentmeter.ingest.activity.ActivityPreparer;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.kafka.KafkaSettings;
import io.agentmeter.ingest.kafka.Lz4;
import io.agentmeter.ingest.kafka.Publisher;
import io.agentmeter.ingest.limit.RateLimiter;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.turns.TurnIngestor;
import io.agentmeter.ingest.turns.TurnPreparer;
import io.agentmeter.schema.activity.ActivityEventReader;
import io.agentmeter.schema.validation.TurnValidator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Wires the plain classes of the gateway into CDI: the one Kafka producer, the validator, the ingest path. */
@ApplicationScoped
public class GatewayBeans {

    /** How long shutdown waits for records still in the producer's buffer. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @Singleton
    Producer<String, byte[]> producer(GatewayConfig config) {
        if ("lz4".equals(config.kafka().compression())) {
            Lz4.preferNative();
        }
        return new KafkaProducer<>(KafkaSettings.producer(config.kafka()));
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(CLOSE_TIMEOUT);
    }

    @Produces
    @Singleton
    IngestMetrics metrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Produces
    @Singleton
    TurnValidator validator() {
        return new TurnValidator();
    }

    @Produces
    @Singleton
    Publisher publisher(Producer<String, byte[]> producer, GatewayConfig config, MeterRegistry registry) {
        return new Publisher(producer, KafkaSettings.publishBound(config.kafka()), registry);
    }

    @Produces
    @Singleton
    TurnIngestor ingestor(TurnValidator validator, Publisher publisher, IngestMetrics metrics, GatewayConfig config) {
        GatewayConfig.Ingest ingest = config.ingest();
        GatewayConfig.RateLimit rate = ingest.rateLimit();
        Optional<RateLimiter> limiter = rate.enabled()
                ? Optional.of(new RateLimiter(rate.eventsPerSecond(), rate.burst()))
                : Optional.empty();
        return new TurnIngestor(new TurnPreparer(validator), limiter, publisher, metrics, ingest.maxEvents(),
                ingest.unavailableRetryAfter());
    }

    @Produces
    @Singleton
    ActivityIngestor activityIngestor(TurnIngestor admission) {
        return new ActivityIngestor(new ActivityPreparer(new ActivityEventReader()), admission);
    }
}
