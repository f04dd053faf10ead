package io.agentmeter.aggregator.rollup;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Forwards a processor's records from a {@link CommitBuffer} flush, i.e. outside {@code process()} and outside a
 * punctuation, where the public API refuses {@code forward()} (no current node). It does what Kafka Streams' own
 * caches do when they flush: make the processor's node current and give the records a record context with no source
 * offset, as a punctuation has, then restore both. Must be created in the processor's {@code init}, where the
 * current node is the processor's own.
 */
final class CommitForwarder<K, V> {

    private final InternalProcessorContext<K, V> context;
    private final ProcessorNode<?, ?, ?, ?> node;

    CommitForwarder(ProcessorContext<K, V> context) {
        this.context = (InternalProcessorContext<K, V>) context;
        this.node = this.context.currentNode();
    }

    void forward(Record<K, V> record) {
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        context.setCurrentNode(node);
        context.setRecordContext(new ProcessorRecordContext(record.timestamp(), -1L, -1, null, new RecordHeaders()));
        try {
            context.forward(record);
        } finally {
            context.setRecordContext(previousRecord);
            context.setCurrentNode(previousNode);
        }
    }
}
