package io.agentmeter.cli.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.cli.turns.TurnBuilder;
import io.agentmeter.localstack.FreePorts;
import io.agentmeter.schema.Json;
import io.agentmeter.schema.event.TurnEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway client against a scripted HTTP server: retries, Retry-After, rejections, splitting. */
class GatewayClientTest {

    private static final String OK_2 = "{\"accepted\":2,\"rejected\":0,\"rejected_items\":[]}";

    private final List<Duration> sleeps = new ArrayList<>();
    private FakeGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private GatewayClient client(URI uri, int attempts) {
        RetryPolicy policy = new RetryPolicy(attempts, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(60), sleeps::add);
        return new GatewayClient(uri, "am_test_key", policy);
    }

    private static List<TurnEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> TurnBuilder.turn().eventId("e-" + i)
                .occurredAt(Instant.parse("2026-01-01T00:00:00Z")).sessionId("s").model("gpt-5").build()).toList();
    }

    @Test
    void shouldWaitRetryAfterOn429AndThenSucceed() throws Exception {
        gateway = new FakeGateway(r -> gateway.requests.size() == 1
                ? new FakeGateway.Answer(429, "{\"error\":\"rate_limited\",\"message\":\"slow down\"}",
                        Map.of("Retry-After", "7"))
                : FakeGateway.Answer.json(200, OK_2));

        SendResult result = client(gateway.uri(), 5).postTurns(events(2));

        assertThat(result).isEqualTo(SendResult.allAccepted(2));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        FakeGateway.Request request = gateway.requests.get(1);
        assertThat(request.path()).isEqualTo("/v1/turns");
        assertThat(request.header("Authorization")).isEqualTo("Bearer am_test_key");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(request.body().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(Json.mapper().readTree(line).get("session_id").asText()).isEqualTo("s"));
    }

    @Test
    void shouldGiveUpOn503AfterTheLastAttempt() throws Exception {
        gateway = new FakeGateway(r -> new FakeGateway.Answer(503,
                "{\"error\":\"kafka_unavailable\",\"message\":\"Kafka did not answer\"}", Map.of("Retry-After", "5")));

        assertThatThrownBy(() -> client(gateway.uri(), 3).postTurns(events(2)))
                .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("503").hasMessageContaining("Kafka did not answer")
                .hasMessageContaining("gave up after 3 attempts");
        assertThat(gateway.requests).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void shouldCapALongRetryAfter() throws Exception {
        gateway = new FakeGateway(r -> gateway.requests.size() == 1
                ? new FakeGateway.Answer(503, "{}", Map.of("Retry-After", "3600"))
                : FakeGateway.Answer.json(200, OK_2));

        client(gateway.uri(), 3).postTurns(events(2));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void shouldReportItemsTheGatewayRejected() throws Exception {
        gateway = new FakeGateway(r -> FakeGateway.Answer.json(400, """
                {"accepted":1,"rejected":1,"rejected_items":[{"index":1,"event_id":"e-1","errors":[
                 {"path":"$.usage","reason":"cache reads and writes exceed input"}]}],
                 "error":"invalid_events","message":"1 of 2 items rejected; 1 accepted"}"""));

        SendResult result = client(gateway.uri(), 3).postTurns(events(2));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.rejections()).containsExactly(
                new SendResult.Rejection(1, "e-1", "$.usage: cache reads and writes exceed input"));
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void shouldNotRetryARefusedKey() throws Exception {
        gateway = new FakeGateway(r -> FakeGateway.Answer.json(401,
                "{\"error\":\"unauthorized\",\"message\":\"unknown API key\"}"));

        assertThatThrownBy(() -> client(gateway.uri(), 5).postTurns(events(1)))
                .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("401").hasMessageContaining("unknown API key");
        assertThat(gateway.requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shouldSplitABatchTheGatewayFindsTooLarge() throws Exception {
        gateway = new FakeGateway(r -> r.body().lines().count() > 1
                ? FakeGateway.Answer.json(413, "{\"error\":\"payload_too_large\",\"message\":\"too large\"}")
                : FakeGateway.Answer.json(200, "{\"accepted\":1,\"rejected\":0,\"rejected_items\":[]}"));

        SendResult result = client(gateway.uri(), 3).postTurns(events(3));

        assertThat(result).isEqualTo(SendResult.allAccepted(3));
        // [0,1,2] -> 413; [0] ok; [1,2] -> 413; [1] ok; [2] ok
        assertThat(gateway.requests).hasSize(5);
    }

    @Test
    void shouldRetryWhenTheGatewayCannotBeReachedWithBackoff() throws Exception {
        int port = FreePorts.pick();
        GatewayClient client = client(URI.create("http://127.0.0.1:" + port + "/v1/turns"), 3);

        assertThatThrownBy(() -> client.postTurns(events(1)))
                .isInstanceOfSatisfying(SendException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("cannot reach the gateway");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(client.base().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
    }

    @Test
    void shouldStartAndStopRecordings() throws Exception {
        gateway = new FakeGateway(r -> r.path().endsWith("/stop")
                ? FakeGateway.Answer.json(200, "{\"recording_id\":\"rec-1\",\"stopped_at\":\"2026-01-01T00:00:01Z\"}")
                : FakeGateway.Answer.json(201, "{\"recording\":{\"recording_id\":\"rec-1\"},\"stopped_recordings\":[]}"));
        GatewayClient client = client(gateway.uri(), 3);

        assertThat(client.startRecording("a vs b", "u-1", null, "rec-1").get("recording_id").asText())
                .isEqualTo("rec-1");
        client.stopRecording("rec-1");

        assertThat(gateway.requests).extracting(FakeGateway.Request::path)
                .containsExactly("/v1/recordings", "/v1/recordings/rec-1/stop");
        assertThat(Json.mapper().readTree(gateway.requests.get(0).body()))
                .isEqualTo(Json.mapper().readTree("{\"name\":\"a vs b\",\"user_id\":\"u-1\",\"recording_id\":\"rec-1\"}"));
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrHttpDate() {
        assertThat(GatewayClient.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(GatewayClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(GatewayClient.retryAfter("soon")).isNull();
        assertThat(GatewayClient.retryAfter(null)).isNull();
    }
}
