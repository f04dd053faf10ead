package io.agentmeter.aggregator.pricing;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.kafka.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the instance's {@link PriceBook} in step with the compacted {@code model-prices} topic: the global store
 * {@value #STORE} holds the topic's records as raw bytes, and each one is applied to the book (a value adds or
 * replaces a price version, a tombstone withdraws it). At start-up the whole restored store is applied, on top of
 * the shipped LiteLLM prices the book was seeded with.
 *
 * <p>A record that cannot be read or applied is logged, counted and skipped: one bad price never stops pricing.
 */
public final class PriceBookUpdater implements Processor<String, byte[], Void, Void> {

    public static final String STORE = "model-prices-store";
    private static final Logger LOG = LoggerFactory.getLogger(PriceBookUpdater.class);

    private final PriceBook book;
    private final AggregatorMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    public PriceBookUpdater(PriceBook book, AggregatorMetrics metrics) {
        this.book = book;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(STORE);
        int applied = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (apply(entry.key, entry.value)) {
                    applied++;
                }
            }
        }
        LOG.info("price book: {} versions, {} applied from {}", book.size(), applied, Topics.MODEL_PRICES.name());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            metrics.priceUpdateRejected();
            LOG.warn("skipping a {} record without a key", Topics.MODEL_PRICES.name());
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        apply(record.key(), record.value());
    }

    private boolean apply(String key, byte[] value) {
        try {
            ModelPriceUpdate update = value == null ? null
                    : Topics.MODEL_PRICES.valueSerde().deserializer().deserialize(Topics.MODEL_PRICES.name(), value);
            book.apply(key, update);
            return true;
        } catch (RuntimeException e) {
            metrics.priceUpdateRejected();
            LOG.warn("skipping {} record {}: {}", Topics.MODEL_PRICES.name(), key, e.getMessage());
            return false;
        }
    }

}
