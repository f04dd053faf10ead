package io.agentmeter.ingest.turns;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.ingest.kafka.IngestStream;
import io.agentmeter.ingest.kafka.KafkaUnavailableException;
import io.agentmeter.ingest.kafka.Publisher;
import io.agentmeter.ingest.limit.RateLimiter;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.turns.TurnHeaders.Source;
import io.agentmeter.ingest.turns.TurnPreparer.Accepted;
import io.agentmeter.ingest.turns.TurnPreparer.Prepared;
import io.agentmeter.ingest.turns.TurnPreparer.Rejected;
import io.agentmeter.schema.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The ingest path of one request, whatever its wire format: prepare each item ({@link TurnPreparer}), charge the
 * caller's rate limit for the whole request, publish the valid events to the raw turns topic and wait until Kafka
 * acknowledged every one ({@link Publisher}).
 *
 * <p>The rule for a mixed batch: every valid item is published and acknowledged, every invalid one is listed with its
 * errors; neither kind holds the other back. A request is all-or-nothing only towards Kafka: if any valid event is not
 * acknowledged the whole request fails (503) and the client resends it, duplicates being dropped downstream by
 * {@code event_id}.
 */
public final class TurnIngestor {

    private static final Logger LOG = Logger.getLogger(TurnIngestor.class);

    private final TurnPreparer preparer;
    private final Optional<RateLimiter> rateLimiter;
    private final Publisher publisher;
    private final IngestMetrics metrics;
    private final int maxEvents;
    private final Duration unavailableRetryAfter;

    public TurnIngestor(TurnPreparer preparer, Optional<RateLimiter> rateLimiter, Publisher publisher,
                        IngestMetrics metrics, int maxEvents, Duration unavailableRetryAfter) {
        this.preparer = preparer;
        this.rateLimiter = rateLimiter;
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxEvents = maxEvents;
        this.unavailableRetryAfter = unavailableRetryAfter;
    }

    public int maxEvents() {
        return maxEvents;
    }

    /** Ingests a JSON or NDJSON body sent by {@code caller}. */
    public BatchResult ingest(Caller caller, byte[] body, BatchFormat format) {
        List<Prepared> items = new ArrayList<>();
        int count = EventBatchParser.parse(body, format, maxEvents, new EventBatchParser.ItemHandler() {
            @Override
            public void item(int index, JsonNode node, byte[] source, int offset, int length) {
                items.add(preparer.prepare(index, node, caller, source, offset, length));
            }

            @Override
            public void unreadable(int index, Violation violation) {
                items.add(new Rejected(index, null, List.of(violation)));
            }
        });
        if (count == 0) {
            throw ApiException.badRequest("empty_body", "body", "holds no events; send one or more turn events");
        }
        return admit(caller, items, Source.HTTP, IngestStream.TURNS);
    }

    /**
     * Ingests events built by the gateway itself (from OTLP spans) as event trees, judged exactly like sent ones.
     *
     * @return the result; its item indexes are positions in {@code events}
     */
    public BatchResult ingestTrees(Caller caller, List<? extends JsonNode> events, Source source) {
        if (events.size() > maxEvents) {
            throw ApiException.of(413, "too_many_events", "body", "holds " + events.size()
                    + " events, at most " + maxEvents + " are accepted in one request");
        }
        List<Prepared> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            items.add(preparer.prepare(i, events.get(i), caller));
        }
        return admit(caller, items, source, IngestStream.TURNS);
    }

    /**
     * The shared tail of every ingest path, also for other event kinds (activity events): count the batch, charge
     * the rate limit for all its items, publish the accepted ones to the stream's topic with the source's headers and
     * wait for Kafka, list the rejected ones.
     */
    public BatchResult admit(Caller caller, List<Prepared> items, Source source, IngestStream stream) {
        metrics.batch(source.value(), items.size());
        charge(caller, items.size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(items.size());
        List<BatchResult.ItemError> rejected = new ArrayList<>();
        for (Prepared item : items) {
            if (item instanceof Accepted accepted) {
                records.add(new ProducerRecord<>(stream.topic(), null, accepted.key(), accepted.value(),
                        new RecordHeaders(TurnHeaders.of(source))));
            } else {
                Rejected invalid = (Rejected) item;
                rejected.add(new BatchResult.ItemError(invalid.index(), invalid.eventId(), invalid.errors()));
            }
        }
        publish(records);
        metrics.accepted(source.value(), stream.type(), records.size());
        metrics.rejected(source.value(), stream.type(), "invalid", rejected.size());
        return BatchResult.of(records.size(), rejected);
    }

    private void charge(Caller caller, int events) {
        if (rateLimiter.isEmpty()) {
            return;
        }
        rateLimiter.get().tryAcquire(caller.keyId(), events).ifPresent(wait -> {
            throw new ApiException(429, "rate_limited", "API key " + caller.keyId() + " is over its rate limit;"
                    + " this request of " + events + " events can be sent again in " + wait.toMillis() + " ms",
                    List.of(new Violation("Authorization", "key is over its events-per-second limit")), wait);
        });
    }

    private void publish(List<ProducerRecord<String, byte[]>> records) {
        try {
            publisher.publish(records);
        } catch (KafkaUnavailableException e) {
            LOG.warnf("answering 503: %s", e.getMessage());
            if (e.retriable()) {
                throw new ApiException(503, "kafka_unavailable", "Kafka did not acknowledge the events in time;"
                        + " none may be counted as accepted, resend the request (duplicates are dropped)",
                        List.of(), unavailableRetryAfter);
            }
            // Kafka's own text (brokers, topics) is in the log above, not in the answer.
            throw new ApiException(500, "kafka_error", "Kafka refused the events; resend the request later"
                    + " (duplicates are dropped)", List.of());
        }
    }
}
