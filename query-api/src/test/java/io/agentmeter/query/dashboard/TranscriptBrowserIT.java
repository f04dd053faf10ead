package io.agentmeter.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.it.ActivityRows;
import io.agentmeter.query.it.Api;
import io.agentmeter.query.it.PipelineSink;
import io.agentmeter.query.it.QueryTestResource;
import io.agentmeter.query.it.TestRows;
import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.activity.ActivityKind;
import io.agentmeter.schema.activity.ActivityStatus;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.schema.event.ToolUse;
import io.agentmeter.schema.event.TurnEvent;
import io.agentmeter.schema.event.Usage;
import io.agentmeter.testkit.browser.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The session page's transcript in headless Chromium against the query API on the query tests' PostgreSQL: a tenant
 * of its own ({@code transcript}) with three turns written through the aggregator's topology and sink, and activity
 * written by the writer's own row writer. Order and content are checked against the API's answer, styling by the
 * computed colours, folding by the rendered height, redaction with a viewer key, and the tool link by where it leads.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranscriptBrowserIT {

    private static final String TENANT = "transcript";
    private static final String SESSION = "tx-session";
    private static final String QUIET = "tx-quiet";
    private static final String LONG = "$ ./mvnw verify\n" + "[INFO] Tests run: 9, Failures: 0\n".repeat(120);

    private static final String developerKey = ApiKeys.newKey("query");
    private static final String viewerKey = ApiKeys.newKey("query");
    private static HeadlessChromium browser;
    private static int loads;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireChromium();
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = config.getValue("agentmeter.db.url", String.class);
        String user = config.getValue("agentmeter.db.user", String.class);
        String password = config.getValue("agentmeter.db.password", String.class);
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            TestRows.tenant(c, TENANT, "Transcript tests");
            TestRows.key(c, TENANT, "query", "developer", developerKey, false);
            TestRows.key(c, TENANT, "query", "viewer", viewerKey, false);
            ActivityRows.write(c, List.of(
                    activity("a-prompt", t.plusSeconds(10), ActivityKind.USER_PROMPT, null, null, null,
                            "Fix the failing test in the billing module"),
                    activity("a-bash", t.plusSeconds(30), ActivityKind.TOOL_CALL, "bash", ActivityStatus.OK, 4_200L,
                            LONG),
                    // At turn 1's very time: the activity comes first (the order's tie-break by type).
                    activity("z-reply", t.plusSeconds(60), ActivityKind.REPLY, null, ActivityStatus.OK, null,
                            "The test failed because the fixture used the wrong currency."),
                    activity("a-decision", t.plusSeconds(100), ActivityKind.TOOL_DECISION, "bash",
                            ActivityStatus.REJECT, null, null),
                    activity("a-error", t.plusSeconds(150), ActivityKind.ERROR, "rate_limit", ActivityStatus.ERROR,
                            null, "429 Too Many Requests"),
                    activity("a-system", t.plusSeconds(200), ActivityKind.SYSTEM, "compact", null, 12L, null),
                    // A run with activity and no turns, the latest: first on the activity list.
                    ActivityEvent.builder().eventId("q-read").occurredAt(t.plusSeconds(300)).sessionId(QUIET)
                            .kind(ActivityKind.TOOL_CALL).name("read").status(ActivityStatus.OK).agent("reader")
                            .build().withTenant(TENANT)));
        }
        List<TurnEvent> turns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            turns.add(new TurnEvent(TurnEvent.CURRENT_SCHEMA_VERSION, TENANT, "turn-" + i,
                    t.plusSeconds(60 + 120L * i), SESSION, "claude-sonnet-4-5", "anthropic", "billing", "coder",
                    "tx-user", null, null, i, null, 2_000L + i, TurnEvent.STATUS_OK, null,
                    new Usage(10_000L + i, 500L, null, null, null, null, null), null, null,
                    List.of(new ToolUse("bash", 1, null, null, null)), null, null, null, null, null));
        }
        PipelineSink.writeAsTheyOccur(turns, url, user, password);
        browser = HeadlessChromium.start(Path.of("target"));
    }

    private static ActivityEvent activity(String id, Instant at, ActivityKind kind, String name,
                                          ActivityStatus status, Long duration, String payload) {
        return ActivityEvent.builder().eventId(id).occurredAt(at).sessionId(SESSION).kind(kind).name(name)
                .status(status).durationMs(duration).payload(payload).agent("coder").build().withTenant(TENANT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        assertThat((List<?>) browser.js("return window.__agentmeterErrors || []")).as("uncaught errors in the page")
                .isEmpty();
    }

    @Test
    @Order(1)
    void shouldShowTurnsAndActivityInTheApisOrderStyledByKind() {
        open(developerKey, "session/" + SESSION);
        JsonNode api = Api.ok(developerKey, "/v1/sessions/" + SESSION + "/activity", Map.of("limit", "1000"));
        List<WebElement> rows = browser.all("[data-panel=transcript] ol.transcript > li");
        List<String> shown = rows.stream().map(r -> r.getAttribute("data-type") + ":" + r.getAttribute("data-event"))
                .toList();
        List<String> answered = new ArrayList<>();
        api.get("entries").forEach(e -> answered.add(e.get("type").asText() + ":" + e.get("event_id").asText()));
        assertThat(shown).as("the page shows the API's order").isEqualTo(answered)
                .containsExactly("activity:a-prompt", "activity:a-bash", "activity:z-reply", "turn:turn-0",
                        "activity:a-decision", "activity:a-error", "turn:turn-1", "activity:a-system", "turn:turn-2");

        assertThat(border("a-bash")).as("tool calls yellow").isEqualTo("rgb(253, 176, 34)");
        assertThat(background("a-bash")).isEqualTo("rgb(255, 250, 235)");
        assertThat(border("a-decision")).as("tool decisions yellow").isEqualTo("rgb(253, 176, 34)");
        assertThat(border("z-reply")).as("replies blue").isEqualTo("rgb(46, 144, 250)");
        assertThat(background("z-reply")).isEqualTo("rgb(239, 248, 255)");
        assertThat(border("a-system")).as("system grey").isEqualTo("rgb(152, 162, 179)");
        assertThat(border("a-error")).as("errors red").isEqualTo("rgb(217, 45, 32)");
        assertThat(background("a-error")).isEqualTo("rgb(254, 243, 242)");
        assertThat(border("turn-0")).as("turns in the accent colour").isEqualTo("rgb(59, 91, 219)");

        WebElement turn = entry("turn-0");
        JsonNode t0 = api.get("entries").get(3);
        assertThat(turn.getText()).containsIgnoringCase("turn #1").contains("claude-sonnet-4-5");
        Shown.count(turn.findElement(By.cssSelector("[data-col=duration_ms]")).getText().replace(" ms", ""),
                t0.get("duration_ms"), "latency of turn 1");
        Shown.money(turn.findElement(By.cssSelector("[data-col=cost_usd]")).getText(), t0.get("cost_usd"),
                "cost of turn 1");
        assertThat(entry("a-system").getText()).contains("compact").contains("12 ms");
        assertThat(entry("z-reply").getText()).contains("wrong currency");
        browser.screenshot("session-transcript");
    }

    @Test
    @Order(2)
    void shouldFoldALongPayloadUntilClicked() {
        open(developerKey, "session/" + SESSION);
        WebElement pre = entry("a-bash").findElement(By.cssSelector("pre.payload"));
        assertThat(pre.getAttribute("class")).contains("folded");
        long folded = height(pre);
        WebElement unfold = entry("a-bash").findElement(By.cssSelector("button.unfold"));
        assertThat(unfold.getText()).isEqualTo(String.format("▸ show all %,d characters", LONG.length()));
        assertThat(entry("a-prompt").findElements(By.cssSelector("button.unfold"))).as("a short payload is not folded")
                .isEmpty();
        unfold.click();
        assertThat(pre.getAttribute("class")).doesNotContain("folded");
        long open = height(pre);
        assertThat(open).as("unfolded height vs folded " + folded).isGreaterThan(folded * 4);
        assertThat(pre.getText()).isEqualTo(LONG.strip());
        browser.screenshot("session-transcript-unfolded");
        unfold.click();
        assertThat(height(pre)).isEqualTo(folded);
    }

    @Test
    @Order(3)
    void shouldWithholdPayloadsFromAViewer() {
        open(viewerKey, "session/" + SESSION);
        for (String id : List.of("a-prompt", "a-bash", "z-reply", "a-error")) {
            assertThat(entry(id).findElement(By.cssSelector(".payload.withheld")).getText())
                    .isEqualTo("payload withheld");
            assertThat(entry(id).findElements(By.cssSelector("pre.payload"))).isEmpty();
        }
        assertThat(entry("a-decision").findElements(By.cssSelector(".payload"))).as("nothing to withhold").isEmpty();
        String page = browser.text("[data-panel=transcript]");
        assertThat(page).doesNotContain("Fix the failing test").doesNotContain("wrong currency")
                .doesNotContain("Tests run").doesNotContain("429 Too Many");
        browser.screenshot("session-transcript-viewer");
    }

    @Test
    @Order(4)
    void shouldLinkAToolCallToItsCostFigures() {
        open(developerKey, "session/" + SESSION);
        WebElement link = entry("a-bash").findElement(By.cssSelector("a.tool-link"));
        assertThat(link.getText()).isEqualTo("bash");
        browser.render("overview", link::click);
        String hash = URLDecoder.decode((String) browser.js("return location.hash"), StandardCharsets.UTF_8);
        assertThat(hash).startsWith("#/overview?").contains("tool=bash").contains("range=custom");
        WebElement tools = browser.find("[data-panel=tools]");
        assertThat(tools.getAttribute("data-tool")).isEqualTo("bash");
        List<WebElement> rows = tools.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("data-group")).isEqualTo("bash");
        String from = hash.replaceAll(".*[?&]from=([^&]+).*", "$1");
        String to = hash.replaceAll(".*[?&]to=([^&]+).*", "$1");
        JsonNode breakdown = Api.ok(developerKey, "/v1/breakdown", Map.of("by", "tool", "metric", "cost", "from", from,
                "to", to, "tz", "UTC"));
        JsonNode bash = breakdown.get("items").get(0);
        assertThat(bash.get("group").asText()).isEqualTo("bash");
        assertThat(bash.get("figures").get("turns").asLong()).as("the session's three turns called bash").isEqualTo(3);
        Shown.money(rows.get(0).findElement(By.cssSelector("td[data-col=cost]")).getText(), bash.get("value"),
                "cost of bash");
        Shown.count(rows.get(0).findElement(By.cssSelector("td[data-col=turns]")).getText(),
                bash.get("figures").get("turns"), "turns of bash");
        browser.screenshot("tool-from-transcript");
    }

    @Test
    @Order(5)
    void shouldListTheSessionsWithActivityAndOpenOnesTranscript() {
        open(viewerKey, "activity", "activity");
        JsonNode api = Api.ok(viewerKey, "/v1/activity/sessions", Map.of("from",
                Instant.now().minus(7, ChronoUnit.DAYS).toString(), "to", Instant.now().plusSeconds(60).toString()));
        List<WebElement> rows = browser.all("[data-panel=activity-sessions] tbody tr");
        List<String> answered = new ArrayList<>();
        api.get("items").forEach(i -> answered.add(i.get("session_id").asText()));
        assertThat(rows.stream().map(r -> r.getAttribute("data-session")).toList())
                .as("the API's sessions, latest activity first").isEqualTo(answered).containsExactly(QUIET, SESSION);
        WebElement busy = rows.get(1);
        Shown.count(cell(busy, "entries"), api.get("items").get(1).get("entries"), "entries of " + SESSION);
        Shown.count(cell(busy, "tool_call"), api.get("items").get(1).get("kinds").get("tool_call"), "tool calls");
        WebElement errors = busy.findElement(By.cssSelector("td[data-col=error_entries] .errors"));
        Shown.count(errors.getText(), api.get("items").get(1).get("error_entries"), "errors of " + SESSION);
        assertThat((String) browser.js("return getComputedStyle(arguments[0]).color", errors)).as("errors in red")
                .isEqualTo("rgb(217, 45, 32)");
        assertThat(cell(busy, "has_turns")).isEqualTo("yes");
        assertThat(cell(rows.get(0), "has_turns")).isEqualTo("none");
        assertThat(rows.get(0).findElements(By.cssSelector(".errors"))).as("no errors, no mark").isEmpty();
        browser.screenshot("activity-sessions");

        browser.render("activity", () -> browser.js(
                "const s = document.getElementById('activity-kind'); s.value = 'error';"
                        + " s.dispatchEvent(new Event('change'));"));
        assertThat(browser.all("[data-panel=activity-sessions] tbody tr").stream()
                .map(r -> r.getAttribute("data-session")).toList()).as("kind=error keeps the session with an error")
                .containsExactly(SESSION);
        assertThat((String) browser.js("return location.hash")).contains("kind=error");

        WebElement link = browser.find("[data-panel=activity-sessions] tbody tr a.session-link");
        browser.render("session", link::click);
        assertThat(browser.all("[data-panel=transcript] ol.transcript > li")).as("its transcript").hasSize(9);
    }

    // ---- helpers

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-col=" + column + "]")).getText();
    }

    private WebElement entry(String eventId) {
        return browser.find("[data-panel=transcript] li[data-event='" + eventId + "']");
    }

    private String border(String eventId) {
        return (String) browser.js("return getComputedStyle(arguments[0]).borderLeftColor", entry(eventId));
    }

    private String background(String eventId) {
        return (String) browser.js("return getComputedStyle(arguments[0]).backgroundColor", entry(eventId));
    }

    private static long height(WebElement element) {
        return ((Number) browser.js("return arguments[0].getBoundingClientRect().height", element)).longValue();
    }

    private String page(String hash) {
        return base + "dashboard/index.html?load=" + (++loads) + "#/" + hash + "?tz=UTC";
    }

    private void open(String key, String hash) {
        open(key, hash, "session");
    }

    private void open(String key, String hash, String view) {
        browser.driver.get(base + "dashboard/css/dashboard.css");
        browser.js("sessionStorage.setItem('agentmeter.queryKey', arguments[0])", key);
        browser.render(view, () -> browser.driver.get(page(hash)));
    }
}
