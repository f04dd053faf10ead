package io.agentmeter.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.cli.send.FakeGateway;
import io.agentmeter.cli.send.GatewayClient;
import io.agentmeter.cli.send.HttpSink;
import io.agentmeter.cli.send.RetryPolicy;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo against a scripted gateway: every turn sent, recordings started before and stopped after theirs. */
class DemoRunnerTest {

    @Test
    void shouldSendEveryTurnAndRecordAroundTheRecordedTurns() throws Exception {
        List<String> calls = new ArrayList<>();
        try (FakeGateway gateway = new FakeGateway(r -> {
            if (r.path().equals("/v1/turns")) {
                long n = r.body().lines().count();
                calls.add("turns " + n + (r.body().contains("u-demo-recorder") ? " recorded" : ""));
                return FakeGateway.Answer.json(200, "{\"accepted\":" + n + ",\"rejected\":0,\"rejected_items\":[]}");
            }
            calls.add(r.path());
            return r.path().endsWith("/stop") ? FakeGateway.Answer.json(200, "{}")
                    : FakeGateway.Answer.json(201, "{\"recording\":{\"recording_id\":\"x\"}}");
        })) {
            List<Duration> sleeps = new ArrayList<>();
            GatewayClient client = new GatewayClient(gateway.uri(), "key",
                    new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), sleeps::add));
            Instant anchor = Instant.now().minusSeconds(60);
            DemoPlan plan = new DemoGenerator(9, PriceBook.loadShipped()).plan(60, 20, anchor, Duration.ofDays(2), true);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            DemoRunner runner = new DemoRunner(new HttpSink(client), client, Clock.systemUTC(), sleeps::add,
                    new PrintStream(log, true, StandardCharsets.UTF_8), 0, 25);

            DemoRunner.Result result = runner.run(plan);

            assertThat(result).isEqualTo(new DemoRunner.Result(60, 60, 0, 0, 2));
            assertThat(gateway.requests.stream().filter(r -> r.path().equals("/v1/turns"))
                    .mapToLong(r -> r.body().lines().count()).sum()).isEqualTo(60);
            // 40 historic in batches of 25, then the live part with both recordings around their own turns.
            assertThat(calls.subList(0, 2)).containsExactly("turns 25", "turns 15");
            int startA = calls.indexOf("/v1/recordings");
            assertThat(calls.get(startA + 1)).isEqualTo("turns 3 recorded");
            assertThat(calls.get(startA + 2)).isEqualTo("/v1/recordings/demo-9-rec-gpt-5/stop");
            assertThat(calls.get(startA + 3)).isEqualTo("/v1/recordings");
            assertThat(calls.get(startA + 4)).isEqualTo("turns 3 recorded");
            assertThat(calls.get(startA + 5)).isEqualTo("/v1/recordings/demo-9-rec-claude-sonnet-4-5/stop");
            var start = Json.mapper().readTree(gateway.requests.stream()
                    .filter(r -> r.path().equals("/v1/recordings")).findFirst().orElseThrow().body());
            assertThat(start.get("user_id").asText()).isEqualTo("u-demo-recorder");
            assertThat(start.get("config").get("model").asText()).isEqualTo("gpt-5");
        }
    }
}
