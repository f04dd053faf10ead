package io.agentmeter.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.auth.Caller;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.ingest.kafka.IngestStream;
import io.agentmeter.ingest.turns.BatchFormat;
import io.agentmeter.ingest.turns.BatchResult;
import io.agentmeter.ingest.turns.EventBatchParser;
import io.agentmeter.ingest.turns.TurnHeaders.Source;
import io.agentmeter.ingest.turns.TurnIngestor;
import io.agentmeter.ingest.turns.TurnPreparer.Prepared;
import io.agentmeter.ingest.turns.TurnPreparer.Rejected;
import io.agentmeter.schema.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest path of activity events: the turns' path ({@link TurnIngestor#admit}: same body parser, rate limit,
 * mixed-batch rule, acks=all publish and answers), with {@link ActivityPreparer} for each item and the
 * {@code agent-activity} topic. Activity events are never turns and never spend.
 */
public final class ActivityIngestor {

    private final ActivityPreparer preparer;
    private final TurnIngestor admission;

    public ActivityIngestor(ActivityPreparer preparer, TurnIngestor admission) {
        this.preparer = preparer;
        this.admission = admission;
    }

    /** Ingests a JSON or NDJSON body of activity events sent by {@code caller}. */
    public BatchResult ingest(Caller caller, byte[] body, BatchFormat format) {
        List<Prepared> items = new ArrayList<>();
        int count = EventBatchParser.parse(body, format, admission.maxEvents(), new EventBatchParser.ItemHandler() {
            @Override
            public void item(int index, JsonNode node, byte[] source, int offset, int length) {
                items.add(preparer.prepare(index, node, caller));
            }

            @Override
            public void unreadable(int index, Violation violation) {
                items.add(new Rejected(index, null, List.of(violation)));
            }
        });
        if (count == 0) {
            throw ApiException.badRequest("empty_body", "body", "holds no events; send one or more activity events");
        }
        return admission.admit(caller, items, Source.HTTP, IngestStream.ACTIVITY);
    }

    /** Ingests activity events the gateway built itself (from OTLP log records); indexes are positions in the list. */
    public BatchResult ingestTrees(Caller caller, List<? extends JsonNode> events, Source source) {
        if (events.size() > admission.maxEvents()) {
            throw ApiException.of(413, "too_many_events", "body", "holds " + events.size()
                    + " events, at most " + admission.maxEvents() + " are accepted in one request");
        }
        List<Prepared> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            items.add(preparer.prepare(i, events.get(i), caller));
        }
        return admission.admit(caller, items, source, IngestStream.ACTIVITY);
    }
}
