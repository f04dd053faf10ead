package io.agentmeter.query.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessAnswersTest {

    private static final String GATEWAY = "http://gw:8080/q/health/ready";
    private static final String AGGREGATOR = "http://agg:8082/health/ready";

    @Test
    void shouldReadTheGatewaysChecksWhenItIsNotReady() {
        Map<Part, Verdict> verdicts = ReadinessAnswers.gateway(GATEWAY, 503, "{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"kafka\",\"status\":\"UP\",\"data\":{\"brokers\":3}},"
                + "{\"name\":\"postgresql\",\"status\":\"DOWN\",\"data\":{\"error\":\"Connection refused\"}}]}");
        assertThat(verdicts.get(Part.GATEWAY))
                .isEqualTo(Verdict.down("not ready: kafka UP, postgresql DOWN (Connection refused)"));
        assertThat(verdicts.get(Part.KAFKA)).isEqualTo(Verdict.up("the gateway reaches 3 broker(s)"));
    }

    @Test
    void shouldTakeKafkasStateFromTheGatewaysKafkaCheck() {
        Map<Part, Verdict> verdicts = ReadinessAnswers.gateway(GATEWAY, 503, "{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"kafka\",\"status\":\"DOWN\",\"data\":{\"error\":\"no broker answered within 1000 ms\"}}"
                + "]}");
        assertThat(verdicts.get(Part.KAFKA)).isEqualTo(Verdict.down(
                "the gateway says: no broker answered within 1000 ms"));
    }

    @Test
    void shouldCallAnAnswerThatIsNoReadinessUnknown() {
        Map<Part, Verdict> verdicts = ReadinessAnswers.gateway(GATEWAY, 404, "<html>not found</html>");
        assertThat(verdicts.get(Part.GATEWAY).state()).isEqualTo(Verdict.State.UNKNOWN);
        assertThat(verdicts.get(Part.GATEWAY).detail()).contains("answered HTTP 404");
        assertThat(verdicts.get(Part.KAFKA).state()).isEqualTo(Verdict.State.UNKNOWN);
        assertThat(ReadinessAnswers.gateway(GATEWAY, 200, "not json").get(Part.KAFKA))
                .isEqualTo(Verdict.unknown("the gateway's readiness has no kafka check"));
    }

    @Test
    void shouldSayTheGatewayIsDownAndKafkaUnknownWhenTheGatewayIsSilent() {
        Map<Part, Verdict> verdicts = ReadinessAnswers.gatewaySilent(GATEWAY, "ConnectException");
        assertThat(verdicts.get(Part.GATEWAY)).isEqualTo(Verdict.down("no answer from GET " + GATEWAY
                + ": ConnectException"));
        assertThat(verdicts.get(Part.KAFKA).state()).isEqualTo(Verdict.State.UNKNOWN);
    }

    @Test
    void shouldReadTheAggregatorsStreamsAndSink() {
        // The bodies docs/aggregator.md shows.
        assertThat(ReadinessAnswers.plainService(AGGREGATOR, 503, "{\"status\":\"DOWN\",\"streams\":\"RUNNING\","
                + "\"sink\":\"RETRYING\",\"sink_error\":\"PSQLException: Connection refused\"}"))
                .isEqualTo(Verdict.down("not ready: streams RUNNING, sink RETRYING (PSQLException: Connection"
                        + " refused)"));
        assertThat(ReadinessAnswers.plainService(AGGREGATOR, 200,
                "{\"status\":\"UP\",\"streams\":\"RUNNING\",\"sink\":\"RUNNING\"}"))
                .isEqualTo(Verdict.up("ready: streams RUNNING, sink RUNNING"));
        assertThat(ReadinessAnswers.plainService(AGGREGATOR, 503, "")).isEqualTo(Verdict.down("not ready: HTTP 503"));
        assertThat(ReadinessAnswers.plainService(AGGREGATOR, 302, "").state()).isEqualTo(Verdict.State.UNKNOWN);
    }

    @Test
    void shouldKeepDetailsShortAndOnOneLine() {
        Verdict verdict = Verdict.down("line one\n\tline two " + "x".repeat(1000));
        assertThat(verdict.detail()).startsWith("line one line two x").hasSize(Verdict.MAX_DETAIL).endsWith("…");
    }
}
