package io.agentmeter.aggregator.validate;

import io.agentmeter.aggregator.metrics.AggregatorMetrics;
import io.agentmeter.aggregator.dlq.DeadLetterMarks;
import io.agentmeter.schema.RecordTenant;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.TurnEventReader;
import io.agentmeter.schema.kafka.DeadLetterHeaders;
import io.agentmeter.schema.Keys;
import io.agentmeter.schema.validation.ReadResult;
import io.agentmeter.schema.validation.Violation;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads each raw record with {@link TurnEventReader}: a valid turn moves on with its event time ({@code occurred_at})
 * as the record timestamp; anything else moves on as its original bytes with the reasons in the
 * {@link DeadLetterHeaders}, for the dead-letter topic. Never throws for bad input.
 *
 * <p>The tenant is the event's {@code tenant_id}; a direct producer may leave it out and key the record
 * {@code tenant:session_id} instead. A turn with neither is rejected, and so is one whose key names another tenant
 * than its value: which of the two the producer meant cannot be known, and guessing could write one tenant's turns
 * into another's figures, so it is dead-lettered rather than stored under either.
 */
public final class ValidateProcessor implements FixedKeyProcessor<String, byte[], Validated> {

    private final TurnEventReader reader;
    private final AggregatorMetrics metrics;
    private FixedKeyProcessorContext<String, Validated> context;

    public ValidateProcessor(TurnEventReader reader, AggregatorMetrics metrics) {
        this.reader = reader;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Validated> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        ReadResult<TurnEvent> result = reader.read(record.value());
        if (!result.isValid()) {
            reject(record, result.violations());
            return;
        }
        TurnEvent turn = result.event().orElseThrow();
        RecordTenant tenant = RecordTenant.of(turn.tenantId(), record.key());
        if (!tenant.isKnown()) {
            reject(record, List.of(new Violation("$.tenant_id", tenant.problem())));
            return;
        }
        if (turn.tenantId() == null) {
            turn = turn.withTenant(tenant.tenant());
        }
        metrics.valid();
        context.forward(record
                .withValue(Validated.valid(turn, Keys.session(turn.tenantId(), turn.sessionId())))
                .withTimestamp(turn.occurredAt().toEpochMilli()));
    }

    private void reject(FixedKeyRecord<String, byte[]> record, List<Violation> violations) {
        metrics.rejected();
        DeadLetterMarks.mark(record.headers(), violations.get(0).toString(), violations, context.recordMetadata());
        context.forward(record.withValue(Validated.rejected(record.value())));
    }
}
