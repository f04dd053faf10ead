package io.agentmeter.cli.importer;

import static io.agentmeter.cli.importer.JsonFields.object;
import static io.agentmeter.cli.importer.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.schema.event.Usage;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * ZeroClaw's cost log ({@code <workspace>/state/costs.jsonl}): one {@code CostRecord} per API call, as serde writes
 * it (zeroclaw-labs/zeroclaw, {@code src/cost/types.rs}):
 * <pre>{"id":"&lt;uuid&gt;","usage":{"model":"anthropic/claude-sonnet-4-20250514","input_tokens":1000,
 * "output_tokens":500,"total_tokens":1500,"cost_usd":0.0105,"timestamp":"2026-02-21T10:15:30.123456789Z"},
 * "session_id":"&lt;uuid&gt;"}</pre>
 * ZeroClaw records no cache or reasoning split, so only input, output and total are known. Its {@code cost_usd} is
 * ZeroClaw's own estimate from its configured prices (0 when it has none): a positive one is sent as
 * {@code reported_cost_usd}, a zero one is left out (unknown, not free).
 */
final class ZeroClawParser implements LineByLineParser {

    static final String AGENT = "zeroclaw";

    private final FileContext file;

    ZeroClawParser(FileContext file) {
        this.file = file;
    }

    @Override
    public Format format() {
        return Format.ZEROCLAW;
    }

    @Override
    public void accept(SourceLine line, ObjectNode json, Emitter out) {
        JsonNode usage = object(json, "usage");
        if (usage == null) {
            out.problem(line, "ZeroClaw cost record without a usage object");
            return;
        }
        String model = text(usage, "model");
        if (model == null) {
            out.problem(line, "ZeroClaw cost record without usage.model");
            return;
        }
        Usage tokens;
        Instant timestamp;
        BigDecimal cost;
        try {
            tokens = new Usage(
                    JsonFields.count(usage, "input_tokens", "usage.input_tokens"),
                    JsonFields.count(usage, "output_tokens", "usage.output_tokens"),
                    null, null, null, null,
                    JsonFields.count(usage, "total_tokens", "usage.total_tokens"));
            timestamp = JsonFields.time(usage, "timestamp", "usage.timestamp");
            cost = JsonFields.decimal(usage, "cost_usd", "usage.cost_usd");
        } catch (BadLineException e) {
            out.problem(line, e.getMessage());
            return;
        }
        if (timestamp == null) {
            out.problem(line, "ZeroClaw cost record without usage.timestamp");
            return;
        }
        String id = text(json, "id");
        String session = text(json, "session_id");
        TurnBuilder turn = TurnBuilder.turn()
                .eventId(id != null ? "zeroclaw:" + id : EventIds.ofLine("zeroclaw:", file, line))
                .occurredAt(timestamp)
                .sessionId(session != null ? session : file.baseName())
                .model(model)
                .agent(AGENT)
                .usage(tokens)
                .reportedCostUsd(cost != null && cost.signum() > 0 ? cost : null)
                .label("source", Format.ZEROCLAW.id());
        out.event(turn.build(), line);
    }
}
