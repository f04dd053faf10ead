package io.agentmeter.system;

import io.agentmeter.testkit.browser.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.schema.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard against the whole system as {@code bin/agentmeter up} starts it (real broker, PostgreSQL, gateway,
 * aggregator, query API), in headless Chromium: the record button starts and stops a recording at the real ingest
 * gateway (across origins, through its CORS), which the query API then lists; and a turn sent to the gateway appears
 * on the live overview without a reload (gateway, Kafka, aggregator, sink, PostgreSQL, GET /v1/live, the page).
 * Screenshots: {@code system-tests/target/screenshots/e2e-*.png}.
 */
class DashboardE2EIT {

    private final HttpClient http = E2eSystem.http();

    @TempDir
    Path temp;

    @Test
    void shouldRecordThroughTheRealGatewayAndShowANewTurnLive() throws Exception {
        UpOptions options = E2eSystem.options("dashboard").withDataDir(temp.resolve("data"));
        try (SystemRunner runner = new SystemRunner(options, new Progress(System.out));
             HeadlessChromium browser = HeadlessChromium.start(Path.of("target"))) {
            RunningSystem system = runner.start();
            String queryKey = system.credentials().queryKey();
            String ingestKey = system.credentials().ingestKey();
            JsonNode capabilities = get(system.queryApi().resolve("/v1/capabilities"), null);
            assertThat(capabilities.get("gateway_url").asText()).isEqualTo(system.gateway().toString());

            // Sign in: the key lives in this tab's sessionStorage, as the login form leaves it.
            browser.driver.get(system.queryApi().resolve("/dashboard/css/dashboard.css").toString());
            browser.js("sessionStorage.setItem('agentmeter.queryKey', arguments[0])", queryKey);
            browser.driver.get(system.queryApi().resolve("/dashboard/#/recordings").toString());

            // Start: the gateway URL comes from the capabilities; the ingest key, user and name are typed in.
            browser.until("the record button", () -> browser.find("#record-button").isDisplayed()
                    && !browser.find("#gateway-url").getAttribute("value").isEmpty());
            assertThat(browser.find("#gateway-url").getAttribute("value")).isEqualTo(system.gateway().toString());
            browser.type("#ingest-key", ingestKey);
            browser.type("#recording-user", "e2e-user");
            browser.type("#recording-name", "e2e recording");
            browser.find("#record-button").click();
            browser.until("the recording to start", () -> !browser.find("[data-panel=recorder]")
                    .getAttribute("data-recording").isEmpty());
            String id = browser.find("[data-panel=recorder]").getAttribute("data-recording");
            JsonNode started = get(system.queryApi().resolve("/v1/recordings/" + id), queryKey);
            assertThat(started.at("/recording/name").asText()).isEqualTo("e2e recording");
            assertThat(started.at("/recording/user_id").asText()).isEqualTo("e2e-user");
            assertThat(started.at("/recording/stopped_at").isNull()).as("running, per the query API").isTrue();
            browser.until("the recording in the list", () -> !browser.all("[data-panel=recordings] tr[data-recording='"
                    + id + "']").isEmpty());
            browser.screenshot("e2e-recording-active");

            // Stop.
            browser.find("#record-button").click();
            browser.until("the recording to stop", () -> browser.find("[data-panel=recorder]")
                    .getAttribute("data-recording").isEmpty() && browser.text("#record-button").contains("Record"));
            JsonNode stopped = get(system.queryApi().resolve("/v1/recordings/" + id), queryKey);
            assertThat(stopped.at("/recording/stopped_at").isNull()).as("stopped, per the query API").isFalse();
            browser.screenshot("e2e-recording-stopped");

            // Live: a turn sent to the gateway reaches the open overview through the whole pipeline.
            browser.driver.get(system.queryApi().resolve("/dashboard/#/overview?live=1").toString());
            browser.until("the live stream to open", () -> "open".equals(browser.find("#live-status")
                    .getAttribute("data-state")) && !browser.all("[data-panel=live] [data-metric=live_new_turns]")
                    .isEmpty());
            browser.js("window.__beforeLiveTurn = true;");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ObjectNode turn = Json.mapper().createObjectNode();
            turn.put("event_id", "e2e-live-1").put("occurred_at", now.toString()).put("session_id", "e2e-live-session")
                    .put("model", "claude-sonnet-4-5").put("agent", "coder");
            turn.putObject("usage").put("input_tokens", 1200).put("output_tokens", 300);
            post(system.gateway().resolve("/v1/turns"), ingestKey, turn.toString());
            browser.until("the turn on the live overview", () -> !browser.all("#live-turns li[data-event='e2e-live-1']")
                    .isEmpty());
            browser.until("its session among the active ones", () -> !browser.all(
                    "[data-panel=live] li[data-session='e2e-live-session']").isEmpty());
            assertThat(browser.text("[data-panel=live] [data-metric=live_new_turns] .value")).isEqualTo("1");
            assertThat(browser.js("return window.__beforeLiveTurn === true")).as("the page was not reloaded")
                    .isEqualTo(true);
            assertThat(browser.js("return window.__agentmeterErrors")).asList().isEmpty();
            browser.screenshot("e2e-live");
        }
    }

    private void post(URI uri, String key, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("POST %s: %s", uri, answer.body()).isEqualTo(200);
    }

    private JsonNode get(URI uri, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", uri, answer.body()).isEqualTo(200);
        return Json.mapper().readTree(answer.body());
    }
}
