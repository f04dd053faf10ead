package io.agentmeter.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.validation.TurnValidator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Routes an OTLP/JSON logs export as the gateway does and checks the turns with the gateway's validator. */
final class LogMapping {

    private static final TurnValidator VALIDATOR = new TurnValidator(
            Clock.fixed(Instant.ofEpochSecond(0, AgentTelemetry.TIME).plusSeconds(60), ZoneOffset.UTC));

    private LogMapping() {
    }

    static LogRouter.Routed route(String json) {
        return new LogRouter().route(OtlpCodec.readLogs(json.getBytes(StandardCharsets.UTF_8), OtlpEncoding.JSON));
    }

    /** The turns of the export, each asserted to be a valid turn event. */
    static List<ObjectNode> validTurns(String json) {
        List<ObjectNode> turns = route(json).turns();
        for (ObjectNode turn : turns) {
            assertThat(VALIDATOR.validate(turn)).as("violations of %s", turn).isEmpty();
        }
        return turns;
    }
}
