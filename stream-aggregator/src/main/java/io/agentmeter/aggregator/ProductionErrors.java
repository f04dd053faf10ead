package io.agentmeter.aggregator;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What to do when a record cannot be produced. A record that can never be sent as it is (too large for the broker,
 * or not serializable) is logged and skipped, and its source record goes to the dead-letter topic when one is
 * configured ({@code errors.dead.letter.queue.topic.name}), so one bad record cannot stop the pipeline; retriable
 * errors are retried; anything else fails the thread, which the uncaught-exception handler replaces (the
 * transaction aborts and the input is processed again, so nothing is lost).
 */
public final class ProductionErrors implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionErrors.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (exception instanceof RecordTooLargeException) {
            LOG.error("skipping a record too large for {} (from {}-{}@{}): {}", record.topic(), context.topic(),
                    context.partition(), context.offset(), exception.getMessage());
            return Response.resume();
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        LOG.error("skipping a record that cannot be serialized for {} (from {}-{}@{}): {}", record.topic(),
                context.topic(), context.partition(), context.offset(), exception.getMessage());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
