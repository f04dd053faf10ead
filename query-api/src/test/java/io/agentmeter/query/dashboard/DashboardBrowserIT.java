package io.agentmeter.query.dashboard;

import io.agentmeter.testkit.browser.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.health.ReadinessStub;
import io.agentmeter.query.it.Api;
import io.agentmeter.query.it.QueryTestResource;
import io.agentmeter.query.it.TestWorld;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in headless Chromium against the query API on a seeded PostgreSQL: every number checked here is
 * fetched from the same endpoint by the test and compared with what the page shows. Screenshots of each view go to
 * target/screenshots. Chromium missing is a failure, not a skip.
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Instant FROM = TestWorld.START;
    private static final Instant TO = TestWorld.END;
    private static final String RANGE = "from=" + FROM + "&to=" + TO + "&tz=UTC";
    private static final Map<String, String> API_RANGE = Map.of("from", FROM.toString(), "to", TO.toString(),
            "tz", "UTC");

    private static HeadlessChromium browser;
    private static DashboardTenant dash;
    private static StubGateway gateway;
    private static int loads;

    @TestHTTPResource("/")
    URL base;

    private final TestWorld world = QueryTestResource.world();

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireChromium();
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = config.getValue("agentmeter.db.url", String.class);
        String user = config.getValue("agentmeter.db.user", String.class);
        String password = config.getValue("agentmeter.db.password", String.class);
        dash = DashboardTenant.seed(url, user, password);
        gateway = new StubGateway(url, user, password, Map.of(dash.ingestKey, DashboardTenant.TENANT));
        browser = HeadlessChromium.start(Path.of("target"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        assertThat((List<?>) browser.js("return window.__agentmeterErrors || []")).as("uncaught errors in the page")
                .isEmpty();
    }

    @Test
    @Order(1)
    void shouldAskForTheQueryKeyAndRefuseAnUnknownOne() {
        browser.driver.get(base + "dashboard/css/dashboard.css");
        browser.js("sessionStorage.clear()");
        browser.driver.get(page("overview?" + RANGE));
        browser.until("the sign-in form", () -> browser.find("#login").isDisplayed());
        browser.screenshot("login");

        browser.find("#login-key").sendKeys("am_query_not-a-key");
        browser.find("#login-submit").click();
        browser.until("the refusal", () -> browser.text("#login-error").contains("not a valid query key"));

        browser.render("overview", () -> {
            browser.find("#login-key").sendKeys(world.acmeViewer);
            browser.find("#login-submit").click();
        });
        assertThat(browser.find("#login").isDisplayed()).isFalse();
        assertThat(browser.js("return typeof window.Chart")).as("Chart.js from the WebJar").isEqualTo("function");
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) browser.js("return performance.getEntriesByType('resource')"
                + ".map(e => e.name)");
        assertThat(resources).as("what the page loaded").anyMatch(r -> r.contains("/webjars/chart.js/"))
                .allMatch(r -> r.startsWith(base.toString().replaceAll("/$", "")), "served by the query API itself");
    }

    @Test
    @Order(2)
    void shouldShowTheApisFiguresOnTheOverview() {
        open(world.acmeViewer, "overview", "overview?" + RANGE);
        String key = world.acmeViewer;

        JsonNode summary = Api.ok(key, "/v1/summary", API_RANGE);
        checkSummary(summary);
        JsonNode cur = summary.get("current").get("figures");
        JsonNode prev = summary.get("previous").get("figures");
        assertThat(browser.find("[data-panel=summary] [data-metric=cost_usd] .change").getAttribute("data-previous"))
                .as("the change is against the previous period's cost")
                .isEqualTo(prev.get("cost_usd").isNull() ? "null" : prev.get("cost_usd").asText());
        Shown.percent(browser.text("[data-panel=summary] [data-metric=cost_coverage] .value"),
                ratio(cur.get("cost_turns").longValue(), cur.get("turns").longValue()), "cost coverage");
        for (String kind : List.of("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                "cache_write_1h_tokens", "reasoning_tokens", "total_tokens")) {
            Shown.count(browser.text("[data-panel=summary] tr[data-metric=" + kind + "] td.value"), cur.get(kind),
                    kind);
            assertThat(browser.text("[data-panel=summary] tr[data-metric=" + kind + "] td.cov"))
                    .isEqualTo(String.format("%,d / %,d", cur.get(kind + "_turns").longValue(),
                            cur.get("turns").longValue()));
        }

        JsonNode burn = Api.ok(key, "/v1/burn-rate", Map.of("tz", "UTC", "at", TO.toString()));
        for (String field : List.of("cost_per_hour_usd", "cost_per_day_usd", "projected_end_of_day_usd",
                "projected_end_of_month_usd")) {
            Shown.money(browser.text("[data-panel=burn-rate] [data-metric=" + field + "] .value"), burn.get(field),
                    "burn rate " + field);
        }
        Shown.money(browser.text("[data-panel=burn-rate] [data-metric=today] .value"),
                spent(burn.get("today")), "cost today");
        Shown.money(browser.text("[data-panel=burn-rate] [data-metric=this_month] .value"),
                spent(burn.get("this_month")), "cost this month");

        for (String metric : List.of("input_tokens", "output_tokens")) {
            JsonNode series = Api.ok(key, "/v1/series", with(API_RANGE, "metric", metric, "interval", "hour"));
            Shown.series(dataset("tokens-chart", metric.equals("input_tokens") ? 0 : 1),
                    values(series.get("series").get(0), true), metric + " over time");
        }
        JsonNode costSeries = Api.ok(key, "/v1/series", with(API_RANGE, "metric", "cost", "interval", "hour",
                "group_by", "model"));
        List<String> labels = datasetLabels("cost-series-chart");
        assertThat(labels).hasSize(costSeries.get("series").size());
        for (int i = 0; i < costSeries.get("series").size(); i++) {
            JsonNode group = costSeries.get("series").get(i);
            assertThat(labels.get(i)).isEqualTo(group.get("group").isNull() ? "(not reported)"
                    : group.get("group").asText());
            Shown.series(dataset("cost-series-chart", i), values(group, true), "cost of " + labels.get(i));
        }
        String[] quantiles = {"latency_p50_ms", "latency_p95_ms", "latency_p99_ms"};
        for (int i = 0; i < quantiles.length; i++) {
            JsonNode series = Api.ok(key, "/v1/series", with(API_RANGE, "metric", quantiles[i], "interval", "hour"));
            Shown.series(dataset("latency-chart", i), values(series.get("series").get(0), false), quantiles[i]);
        }

        for (String by : List.of("model", "agent")) {
            JsonNode breakdown = Api.ok(key, "/v1/breakdown", with(API_RANGE, "by", by, "metric", "cost"));
            List<JsonNode> items = list(breakdown.get("items"));
            assertThat(chartLabels("cost-by-" + by + "-chart")).containsExactlyElementsOf(items.stream()
                    .map(DashboardBrowserIT::group).toList());
            Shown.series(dataset("cost-by-" + by + "-chart", 0), items.stream().map(i -> i.get("value")).toList(),
                    "cost by " + by);
            if (by.equals("agent")) {
                List<JsonNode> known = items.stream().filter(i -> !i.get("value").isNull()
                        && i.get("value").decimalValue().signum() > 0).toList();
                assertThat(chartLabels("cost-by-role-chart")).containsExactlyElementsOf(known.stream()
                        .map(DashboardBrowserIT::group).toList());
                Shown.series(dataset("cost-by-role-chart", 0), known.stream().map(i -> i.get("value")).toList(),
                        "cost by agent role (pie)");
            }
        }

        JsonNode tools = Api.ok(key, "/v1/breakdown", with(API_RANGE, "by", "tool", "metric", "cost"));
        List<WebElement> toolRows = browser.all("[data-panel=tools] tbody tr");
        assertThat(toolRows).hasSize(tools.get("items").size());
        for (int i = 0; i < toolRows.size(); i++) {
            JsonNode item = tools.get("items").get(i);
            assertThat(toolRows.get(i).getAttribute("data-group")).isEqualTo(item.get("group").asText());
            Shown.money(cell(toolRows.get(i), "cost"), item.get("value"), "cost of tool " + item.get("group"));
            Shown.percent(cell(toolRows.get(i), "share"), item.get("share"), "share of tool " + item.get("group"));
            Shown.count(cell(toolRows.get(i), "turns"), item.get("figures").get("turns"), "turns of a tool");
        }

        checkHeatmap(key, API_RANGE);

        JsonNode top = Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "cost", "limit", "5"));
        assertThat(browser.all("[data-panel=top-sessions] tbody tr").stream().map(r -> r.getAttribute("data-session"))
                .toList()).containsExactlyElementsOf(list(top.get("items")).stream()
                .map(s -> s.get("session_id").asText()).toList());
        browser.screenshot("overview");
    }

    @Test
    @Order(3)
    void shouldApplyTheFiltersTheTimeZoneAndTheRange() {
        open(world.acmeViewer, "overview", "overview?" + RANGE);
        browser.until("the project choices", () -> !browser.all("#f-project option[value=alpha]").isEmpty());

        browser.render("overview", () -> new Select(browser.find("#f-project")).selectByValue("alpha"));
        assertThat(hash()).contains("project=alpha");
        checkSummary(Api.ok(world.acmeViewer, "/v1/summary", with(API_RANGE, "project", "alpha")));

        browser.render("overview", () -> new Select(browser.find("#f-agent")).selectByValue("coder"));
        checkSummary(Api.ok(world.acmeViewer, "/v1/summary", with(API_RANGE, "project", "alpha", "agent", "coder")));

        browser.render("overview", () -> new Select(browser.find("#f-model")).selectByValue("gpt-5"));
        Map<String, String> three = with(API_RANGE, "project", "alpha", "agent", "coder", "model", "gpt-5");
        checkSummary(Api.ok(world.acmeViewer, "/v1/summary", three));
        JsonNode byModel = Api.ok(world.acmeViewer, "/v1/breakdown", with(three, "by", "model", "metric", "cost"));
        assertThat(chartLabels("cost-by-model-chart")).containsExactly("gpt-5");
        Shown.series(dataset("cost-by-model-chart", 0), List.of(byModel.get("items").get(0).get("value")),
                "filtered cost by model");
        browser.screenshot("overview-filtered");

        browser.render("overview", () -> browser.find("#f-clear").click());
        assertThat(hash()).doesNotContain("project=").doesNotContain("agent=").doesNotContain("model=");

        browser.render("overview", () -> new Select(browser.find("#f-tz")).selectByValue("Europe/Berlin"));
        assertThat(hash()).contains("tz=Europe%2FBerlin");
        Map<String, String> berlin = with(API_RANGE, "tz", "Europe/Berlin");
        checkHeatmap(world.acmeViewer, berlin);
        assertThat(browser.text("#range-label")).contains("2026-03-27 01:00").contains("Europe/Berlin");

        // A custom range typed in the zone's wall-clock time: 28 March 00:00 in Berlin is 27 March 23:00 UTC.
        browser.render("overview", () -> browser.js("const i = document.getElementById('f-from');"
                + " i.value = '2026-03-28T00:00'; i.dispatchEvent(new Event('change'));"));
        assertThat(hash()).contains("from=2026-03-27T23%3A00%3A00.000Z");
        checkSummary(Api.ok(world.acmeViewer, "/v1/summary", with(berlin, "from", "2026-03-27T23:00:00Z")));

        // The last 24 hours hold no turn of the seeded data: the empty state, not zeros.
        browser.render("overview", () -> new Select(browser.find("#f-range")).selectByValue("24h"));
        assertThat(hash()).contains("range=24h").doesNotContain("from=");
        assertThat(browser.find("[data-testid=empty-banner]").isDisplayed()).isTrue();
        assertThat(browser.find("[data-panel=summary]").getAttribute("data-state")).isEqualTo("empty");
        assertThat(browser.find("[data-panel=tokens-series]").getAttribute("data-state")).isEqualTo("empty");
        browser.screenshot("overview-empty");
    }

    @Test
    @Order(4)
    void shouldSortTheSessionsAndOpenOne() {
        String key = world.acmeViewer;
        open(key, "sessions", "sessions?" + RANGE);
        checkSessionRows(Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "cost", "order", "desc", "limit", "50")));

        browser.render("sessions", () -> browser.find("th[data-sort=turns]").click());
        assertThat(hash()).contains("sort=turns").contains("order=desc");
        checkSessionRows(Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "turns", "order", "desc", "limit",
                "50")));
        browser.render("sessions", () -> browser.find("th[data-sort=turns]").click());
        assertThat(hash()).contains("order=asc");
        checkSessionRows(Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "turns", "order", "asc", "limit",
                "50")));

        browser.render("sessions", () -> browser.find("th[data-sort=cost]").click());
        JsonNode first = Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "cost", "order", "desc", "limit", "50"));
        assertThat(first.get("next_cursor").isNull()).as("the seeded range has more than one page").isFalse();
        JsonNode second = Api.ok(key, "/v1/sessions", with(API_RANGE, "sort", "cost", "order", "desc", "limit", "50",
                "cursor", first.get("next_cursor").asText()));
        browser.find("#sessions-more").click();
        int all = first.get("items").size() + second.get("items").size();
        browser.until("the second page", () -> browser.all("[data-panel=sessions] tbody tr").size() == all);
        assertThat(browser.all("[data-panel=sessions] tbody tr").get(all - 1).getAttribute("data-session"))
                .isEqualTo(second.get("items").get(second.get("items").size() - 1).get("session_id").asText());
        browser.screenshot("sessions");

        String id = first.get("items").get(0).get("session_id").asText();
        browser.render("session", () -> browser.find("[data-panel=sessions] tbody tr a.session-link").click());
        assertThat(hash()).startsWith("#/session/" + id);
        JsonNode detail = Api.ok(key, "/v1/sessions/" + id, Map.of("limit", "1000"));
        JsonNode f = detail.get("figures");
        Shown.count(browser.text("[data-panel=session] [data-metric=turns] .value"), f.get("turns"), "turns");
        Shown.money(browser.find("[data-panel=session] [data-metric=cost_usd] .value .money").getText(),
                f.get("cost_usd"), "session cost");
        Shown.count(browser.text("[data-panel=session] [data-metric=input_tokens] .value"), f.get("input_tokens"),
                "input tokens");
        Shown.count(browser.text("[data-panel=session] [data-metric=output_tokens] .value"), f.get("output_tokens"),
                "output tokens");
        List<WebElement> rows = browser.all("[data-panel=turns] tbody tr");
        List<JsonNode> turns = list(detail.get("turns"));
        assertThat(rows).hasSize(turns.size());
        boolean sawUnknown = false;
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            WebElement row = rows.get(i);
            assertThat(row.getAttribute("data-event")).isEqualTo(t.get("event_id").asText());
            for (String kind : List.of("input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens")) {
                Shown.count(cell(row, kind), t.get(kind), kind + " of turn " + (i + 1));
                sawUnknown |= t.get(kind).isNull();
            }
            Shown.count(cell(row, "duration_ms").replace(" ms", ""), t.get("duration_ms"), "latency of turn "
                    + (i + 1));
            if (t.get("cost_usd").isNull()) {
                assertThat(cell(row, "cost_usd")).isEqualTo(t.get("cost_status").asText());
            } else {
                Shown.money(cell(row, "cost_usd"), t.get("cost_usd"), "cost of turn " + (i + 1));
            }
        }
        assertThat(sawUnknown).as("the session shows some unknown counts as not reported").isTrue();
        assertThat(browser.all("#timeline-svg rect[data-turn]")).hasSize(turns.size());
        assertThat(chartLabels("turn-tokens-chart")).hasSize(turns.size());
        Shown.series(dataset("turn-cost-chart", 0), turns.stream().map(t -> t.get("cost_usd")).toList(),
                "cost per turn");
        browser.screenshot("session");
    }

    @Test
    @Order(5)
    void shouldWarnWhenTheContextWindowFillsUp() {
        open(dash.developerKey, "session", "session/" + DashboardTenant.CONTEXT_SESSION);
        WebElement banner = browser.find("[data-testid=context-warning]");
        assertThat(banner.getAttribute("data-level")).isEqualTo("critical");
        assertThat(banner.getText()).contains("Turn #2 first used 80%").contains("Turn #3 first used 90%")
                .contains("Turn #4 first used 95%");
        List<String> levels = browser.all("[data-panel=turns] tbody td[data-col=context]").stream()
                .map(td -> td.getAttribute("data-level")).toList();
        assertThat(levels).containsExactly(null, "warn", "high", "critical", null);
        assertThat(browser.all("[data-panel=turns] tbody td[data-col=context]").stream().map(WebElement::getText)
                .toList()).containsExactly("50%", "82%", "91%", "96%", "70%");
        assertThat(browser.text("[data-metric=context_peak] .value")).isEqualTo("96%");
        browser.screenshot("session-context");
    }

    @Test
    @Order(6)
    void shouldCompareModelsPriceACounterfactualAndPutSessionsSideBySide() {
        String key = world.acmeViewer;
        open(key, "compare", "compare?" + RANGE);
        checkModelComparison(Api.ok(key, "/v1/compare/models", API_RANGE));

        List<WebElement> picks = browser.all("#model-picks input[type=checkbox]");
        assertThat(picks).hasSizeGreaterThan(2);
        List<String> kept = picks.stream().map(p -> p.getAttribute("value")).collect(Collectors.toList());
        String dropped = kept.remove(kept.size() - 1);
        browser.render("compare", () -> {
            browser.find("#model-picks input[value='" + dropped + "']").click();
            browser.find("#compare-apply").click();
        });
        Map<String, Object> picked = new HashMap<>(API_RANGE);
        picked.put("model", kept);
        checkModelComparison(Api.ok(key, "/v1/compare/models", picked));

        browser.render("compare", () -> {
            browser.find("#counterfactual-target").sendKeys("gpt-4o-mini");
            browser.find("#counterfactual-apply").click();
        });
        Map<String, Object> counterQuery = new HashMap<>(picked);
        counterQuery.put("target_model", "gpt-4o-mini");
        JsonNode counter = Api.ok(key, "/v1/compare/counterfactual", counterQuery);
        List<JsonNode> lines = new ArrayList<>(list(counter.get("models")));
        lines.add(counter.get("total"));
        List<WebElement> rows = browser.all("[data-panel=counterfactual] tbody tr");
        assertThat(rows).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            for (String field : List.of("actual_cost_usd", "target_cost_usd", "comparable_actual_usd",
                    "comparable_target_usd", "difference_usd")) {
                Shown.money(cell(rows.get(i), field), l.get(field), field + " of " + l.get("model"));
            }
            Shown.count(cell(rows.get(i), "comparable_turns"), l.get("comparable_turns"), "comparable turns");
        }
        browser.screenshot("compare");

        open(key, "sessions", "sessions?" + RANGE);
        List<WebElement> sessionRows = browser.all("[data-panel=sessions] tbody tr");
        List<String> ids = List.of(sessionRows.get(0).getAttribute("data-session"),
                sessionRows.get(1).getAttribute("data-session"));
        sessionRows.get(0).findElement(By.cssSelector("input[type=checkbox]")).click();
        sessionRows.get(1).findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.render("compare", () -> browser.find("#compare-sessions").click());
        JsonNode side = Api.ok(key, "/v1/compare/sessions", Map.of("session", ids, "limit", "200"));
        checkSideBySide("compare-sessions", side);
        browser.screenshot("compare-sessions");
    }

    @Test
    @Order(7)
    void shouldListRecordingsAndCompareThemSideBySide() {
        String key = world.acmeDeveloper;
        open(key, "recordings", "recordings?" + RANGE);
        JsonNode page = Api.ok(key, "/v1/recordings", with(API_RANGE, "limit", "200"));
        List<WebElement> rows = browser.all("[data-panel=recordings] tbody tr");
        assertThat(rows.stream().map(r -> r.getAttribute("data-recording")).toList())
                .containsExactlyElementsOf(list(page.get("items")).stream().map(r -> r.get("recording_id").asText())
                        .toList());

        browser.find("[data-panel=recordings] tr[data-recording='acme-rec0'] input[type=checkbox]").click();
        browser.find("[data-panel=recordings] tr[data-recording='acme-rec1'] input[type=checkbox]").click();
        browser.render("recordings", () -> browser.find("#compare-recordings").click());
        assertThat(hash()).contains("cmp=acme-rec0%2Cacme-rec1");
        checkSideBySide("compare-recordings-panel", Api.ok(key, "/v1/compare/recordings",
                Map.of("recording", List.of("acme-rec0", "acme-rec1"), "limit", "200")));

        browser.render("recordings", () -> browser.find("tr[data-recording='acme-rec0'] a.recording-link").click());
        JsonNode detail = Api.ok(key, "/v1/recordings/acme-rec0", Map.of());
        List<WebElement> models = browser.all("[data-panel=recording-detail] tbody tr");
        assertThat(models.size()).isEqualTo(detail.get("models").size() + detail.get("sessions").size());
        browser.screenshot("recordings");
    }

    @Test
    @Order(8)
    void shouldStartAndStopARecordingThroughTheGateway() {
        open(dash.developerKey, "recordings", "recordings");
        type("#gateway-url", gateway.url());
        type("#ingest-key", dash.ingestKey);
        type("#recording-user", "dash-user");
        type("#recording-name", "sonnet vs gpt-5");

        browser.find("#record-button").click();
        browser.until("the recording to start", () -> !browser.find("[data-panel=recorder]")
                .getAttribute("data-recording").isEmpty());
        String id = browser.find("[data-panel=recorder]").getAttribute("data-recording");
        browser.until("the new recording in the list", () -> !browser.all("[data-panel=recordings] tr[data-recording='"
                + id + "'] .pill.recording").isEmpty());
        assertThat(gateway.requests).contains("POST /v1/recordings {\"name\":\"sonnet vs gpt-5\",\"user_id\":"
                + "\"dash-user\"}");
        JsonNode running = recording(id);
        assertThat(running.get("stopped_at").isNull()).as("recording in the API").isTrue();
        assertThat(browser.text("#record-button")).contains("Stop");
        browser.screenshot("recording-active");

        browser.find("#record-button").click();
        browser.until("the recording to stop", () -> browser.find("[data-panel=recorder]")
                .getAttribute("data-recording").isEmpty());
        browser.until("the list to show it stopped", () -> browser.all("[data-panel=recordings] tr[data-recording='"
                + id + "'] .pill.recording").isEmpty() && !browser.all("[data-panel=recordings] tr[data-recording='"
                + id + "']").isEmpty());
        assertThat(gateway.requests).contains("POST /v1/recordings/" + id + "/stop");
        assertThat(recording(id).get("stopped_at").isNull()).as("stopped in the API").isFalse();
        assertThat(browser.text("#record-button")).contains("Record");
        browser.screenshot("recording-stopped");
    }

    @Test
    @Order(9)
    void shouldShowNewTurnsAndActiveSessionsLive() throws Exception {
        open(dash.developerKey, "overview", "overview?live=1");
        String newTurns = "[data-panel=live] [data-metric=live_new_turns] .value";
        browser.until("the stream to open", () -> "open".equals(browser.find("#live-status").getAttribute(
                "data-state")) && browser.text(newTurns).equals("0"));
        // Marks on the page and on the live panel: a reload, or a render of the view, would drop them.
        browser.js("window.__beforeLiveTurn = true; document.querySelector('[data-panel=live]').__beforeLiveTurn = true;");
        Instant at = Instant.now();
        dash.writeLiveTurn(at);
        // Pushed by GET /v1/live: on screen without a reload (no render of the view happened in between).
        browser.until("the new turn", () -> browser.text(newTurns).equals("1"));
        browser.until("the turn in the list", () -> !browser.all("#live-turns li[data-event='live-" + at.toEpochMilli()
                + "']").isEmpty());
        browser.until("the active session", () -> !browser.all("[data-panel=live] li[data-session='"
                + DashboardTenant.LIVE_SESSION + "']").isEmpty());
        assertThat(browser.js("return window.__beforeLiveTurn === true"
                + " && document.querySelector('[data-panel=live]').__beforeLiveTurn === true"))
                .as("the same page and the same live panel, neither reloaded nor rendered again").isEqualTo(true);
        assertThat(browser.text("#live-status")).contains("1 new turns");
        browser.screenshot("live");

        browser.render("overview", () -> browser.find("#live-refresh").click());
        assertThat(browser.text("[data-panel=summary] [data-metric=turns] .value")).isEqualTo(String.valueOf(
                DashboardTenant.CONTEXT_USED.length + 1));
    }

    @Test
    @Order(10)
    void shouldExplainWhatAViewerKeyMayNotSee() {
        open(dash.viewerKey, "recordings", "recordings");
        WebElement panel = browser.find("[data-panel=recordings]");
        assertThat(panel.getAttribute("data-state")).isEqualTo("error");
        assertThat(panel.getText()).contains("HTTP 403").contains("developer");
        browser.screenshot("recordings-viewer-refused");
    }

    @Test
    @Order(11)
    void shouldExportWhatItShowsAsCsv() throws Exception {
        open(world.acmeViewer, "overview", "overview?" + RANGE);
        Path file = browser.downloads.resolve("summary.csv");
        Files.deleteIfExists(file);
        browser.find("[data-csv=summary]").click();
        browser.until("the CSV download", () -> Files.exists(file)
                && !Files.exists(browser.downloads.resolve("summary.csv.crdownload")));
        String expected = Api.get(world.acmeViewer, "/v1/summary", with(API_RANGE, "format", "csv")).asString();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);

        Path turns = browser.downloads.resolve("turns.csv");
        Files.deleteIfExists(turns);
        browser.find("[data-csv=turns]").click();
        browser.until("the turns export", () -> Files.exists(turns)
                && !Files.exists(browser.downloads.resolve("turns.csv.crdownload")));
        String exported = Api.get(world.acmeViewer, "/v1/export/turns", with(API_RANGE, "format", "csv")).asString();
        assertThat(exported.lines().count()).as("a header and the range's turns").isGreaterThan(1000);
        assertThat(Files.readString(turns, StandardCharsets.UTF_8)).isEqualTo(exported);
    }

    // ---- helpers

    @Test
    @Order(12)
    void shouldShowEachPartsStateInTheHealthBar() {
        ReadinessStub gatewayReadiness = QueryTestResource.readiness();
        gatewayReadiness.mode(ReadinessStub.Mode.READY);
        try {
            open(world.acmeViewer, "overview", "overview?" + RANGE);
            browser.until("the health bar with the gateway up", () -> "up".equals(part("gateway")));
            JsonNode health = Api.ok(world.acmeViewer, "/v1/health/parts", Map.of());
            List<String> shown = browser.all("#health-bar .health-part").stream()
                    .map(e -> e.getAttribute("data-part") + "=" + e.getAttribute("data-state")).toList();
            List<String> answered = new ArrayList<>();
            health.get("parts").forEach(p -> answered.add(p.get("part").asText() + "=" + p.get("state").asText()));
            assertThat(shown).as("the bar shows what the API answers").containsExactlyElementsOf(answered)
                    .containsExactly("query_api=up", "postgresql=up", "gateway=up", "kafka=up", "aggregator=down",
                            "writer=unknown");
            WebElement aggregator = browser.find("#health-bar [data-part=aggregator]");
            assertThat(aggregator.getText().replaceAll("\\s+", " ")).isEqualTo("Aggregator down");
            assertThat(aggregator.getAttribute("title")).startsWith("Aggregator: down since ")
                    .contains("no answer from GET " + QueryTestResource.aggregatorUrl() + "/health/ready");
            assertThat(dotColour("aggregator")).as("down is red").isEqualTo("rgb(249, 112, 102)");
            assertThat(dotColour("postgresql")).as("up is green").isEqualTo("rgb(50, 213, 131)");
            assertThat(browser.text("#health-bar .health-checked")).startsWith("1 down · checked ");
            browser.screenshot("health-bar");

            gatewayReadiness.mode(ReadinessStub.Mode.KAFKA_DOWN);
            browser.until("Kafka down on the bar", () -> "down".equals(part("kafka")));
            assertThat(part("gateway")).isEqualTo("down");
            assertThat(browser.find("#health-bar [data-part=kafka]").getAttribute("title"))
                    .contains(ReadinessStub.KAFKA_ERROR);
            assertThat(dotColour("kafka")).isEqualTo("rgb(249, 112, 102)");
            browser.screenshot("health-kafka-down");

            // The query API out of reach: every poll of it fails as a fetch to a stopped server does.
            browser.js("const real = window.fetch; window.__realFetch = real; window.fetch = (url, options) =>"
                    + " String(url).includes('/v1/health/parts') ? Promise.reject(new TypeError('Failed to fetch'))"
                    + " : real(url, options);");
            browser.until("the query API unreachable on the bar", () -> "down".equals(part("query_api")));
            assertThat(browser.find("#health-bar [data-part=query_api]").getAttribute("title"))
                    .contains("cannot be reached").contains("Failed to fetch");
            assertThat(List.of(part("postgresql"), part("gateway"), part("kafka"), part("aggregator")))
                    .as("nothing is known of the rest").containsOnly("unknown");
            assertThat(dotColour("gateway")).as("unknown is grey").isEqualTo("rgb(152, 162, 179)");
            browser.screenshot("health-unreachable");
            browser.js("window.fetch = window.__realFetch");
        } finally {
            gatewayReadiness.mode(ReadinessStub.Mode.READY);
        }
    }

    private String part(String part) {
        List<WebElement> found = browser.all("#health-bar [data-part=" + part + "]");
        return found.isEmpty() ? null : found.get(0).getAttribute("data-state");
    }

    private String dotColour(String part) {
        return (String) browser.js("return getComputedStyle(document.querySelector("
                + "'#health-bar [data-part=' + arguments[0] + '] .health-dot')).backgroundColor", part);
    }

    private String page(String hash) {
        return base + "dashboard/index.html?load=" + (++loads) + "#/" + hash;
    }

    /** Signs in with {@code key} (kept in sessionStorage, as the sign-in form does) and loads a view afresh. */
    private void open(String key, String view, String hash) {
        browser.driver.get(base + "dashboard/css/dashboard.css");
        browser.js("sessionStorage.setItem('agentmeter.queryKey', arguments[0])", key);
        browser.render(view, () -> browser.driver.get(page(hash)));
    }

    private String hash() {
        return (String) browser.js("return location.hash");
    }

    private void type(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    private JsonNode recording(String id) {
        for (JsonNode r : Api.ok(dash.developerKey, "/v1/recordings", Map.of("limit", "200")).get("items")) {
            if (r.get("recording_id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("the query API does not list recording " + id);
    }

    private void checkSummary(JsonNode summary) {
        JsonNode cur = summary.get("current").get("figures");
        String card = "[data-panel=summary] [data-metric=%s] .value";
        Shown.money(browser.text(String.format(card, "cost_usd")), cur.get("cost_usd"), "cost");
        Shown.count(browser.text(String.format(card, "turns")), cur.get("turns"), "turns");
        Shown.count(browser.text(String.format(card, "sessions")), summary.get("current").get("sessions"), "sessions");
        Shown.count(browser.text(String.format(card, "unpriced_turns")), cur.get("unpriced_turns"), "unpriced turns");
        Shown.count(browser.text("[data-panel=summary] tr[data-metric=output_tokens] td.value"),
                cur.get("output_tokens"), "output tokens");
    }

    private void checkHeatmap(String key, Map<String, String> query) {
        JsonNode heatmap = Api.ok(key, "/v1/heatmap", with(query, "metric", "turns"));
        Map<String, WebElement> cells = new HashMap<>();
        for (WebElement td : browser.all("#heatmap-table td[data-weekday]")) {
            cells.put(td.getAttribute("data-weekday") + ":" + td.getAttribute("data-hour"), td);
        }
        assertThat(cells).hasSize(168);
        for (JsonNode c : heatmap.get("cells")) {
            WebElement td = cells.get(c.get("weekday").asText() + ":" + c.get("hour").asText());
            assertThat(td.getAttribute("data-turns")).as("turns at " + c).isEqualTo(c.get("turns").asText());
            assertThat(td.getAttribute("data-value")).as("value at " + c).isEqualTo(c.get("value").isNull() ? "null"
                    : c.get("value").asText());
        }
    }

    private void checkSessionRows(JsonNode page) {
        List<WebElement> rows = browser.all("[data-panel=sessions] tbody tr");
        List<JsonNode> items = list(page.get("items"));
        assertThat(rows.stream().map(r -> r.getAttribute("data-session")).toList())
                .containsExactlyElementsOf(items.stream().map(s -> s.get("session_id").asText()).toList());
        for (int i = 0; i < items.size(); i++) {
            JsonNode f = items.get(i).get("figures");
            Shown.count(cell(rows.get(i), "turns"), f.get("turns"), "turns of " + items.get(i).get("session_id"));
            String cost = cell(rows.get(i), "cost");
            Shown.money(cost.replaceAll("\\s*\\(.*\\)$", ""), f.get("cost_usd"), "cost of "
                    + items.get(i).get("session_id"));
        }
    }

    private void checkModelComparison(JsonNode answer) {
        List<JsonNode> models = list(answer.get("models"));
        assertThat(models).isNotEmpty();
        List<String> headers = browser.all("[data-panel=compare-models] thead th").stream().skip(1)
                .map(WebElement::getText).toList();
        assertThat(headers).containsExactlyElementsOf(models.stream().map(m -> m.get("model").asText()).toList());
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            String name = m.get("model").asText();
            Shown.count(row("compare-models", "turns", i), m.get("turns"), "turns of " + name);
            Shown.money(row("compare-models", "cost_usd", i), m.get("cost_usd"), "cost of " + name);
            Shown.money(row("compare-models", "cost_per_turn_usd", i), m.get("cost_per_turn_usd"),
                    "cost per turn of " + name);
            Shown.near(row("compare-models", "mean_output_tokens", i).replace(",", ""),
                    m.get("mean_output_tokens").isNull() ? null : m.get("mean_output_tokens").decimalValue()
                            .setScale(0, java.math.RoundingMode.HALF_UP), "mean output tokens of " + name);
            Shown.near(row("compare-models", "latency_p50_ms", i).replace(",", ""), m.get("latency_p50_ms").isNull()
                    ? null : m.get("latency_p50_ms").decimalValue().setScale(0, java.math.RoundingMode.HALF_UP),
                    "latency p50 of " + name);
        }
        Shown.series(dataset("compare-cost-chart", 0), models.stream().map(m -> m.get("cost_per_turn_usd")).toList(),
                "cost per turn chart");
    }

    private void checkSideBySide(String panel, JsonNode answer) {
        List<JsonNode> items = list(answer.get("items"));
        List<String> headers = browser.all("[data-panel=" + panel + "] table.side-by-side thead th").stream().skip(1)
                .map(WebElement::getText).toList();
        assertThat(headers).containsExactlyElementsOf(items.stream().map(i -> i.get("id").asText()).toList());
        for (int i = 0; i < items.size(); i++) {
            JsonNode f = items.get(i).get("figures");
            Shown.count(row(panel, "turns", i), f.get("turns"), "turns of " + items.get(i).get("id"));
            Shown.money(row(panel, "cost_usd", i).replaceAll("\\s*\\(.*\\)$", ""), f.get("cost_usd"),
                    "cost of " + items.get(i).get("id"));
            Shown.count(row(panel, "input_tokens", i), f.get("input_tokens"), "input of " + items.get(i).get("id"));
        }
        assertThat(browser.all("[data-panel=" + panel + "] table.aligned tbody tr"))
                .hasSize(answer.get("positions").size());
    }

    /** The text of the {@code i}th item's cell in a side-by-side table row. */
    private String row(String panel, String rowKey, int i) {
        return browser.all("[data-panel=" + panel + "] tr[data-row=" + rowKey + "] td").get(i + 1).getText().strip();
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-col=" + column + "]")).getText().strip();
    }

    private List<?> dataset(String canvasId, int index) {
        return (List<?>) browser.js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.datasets[arguments[1]].data", canvasId, index);
    }

    @SuppressWarnings("unchecked")
    private List<String> datasetLabels(String canvasId) {
        return (List<String>) browser.js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".data.datasets.map(d => d.label)", canvasId);
    }

    @SuppressWarnings("unchecked")
    private List<String> chartLabels(String canvasId) {
        return (List<String>) browser.js("return Chart.getChart(document.getElementById(arguments[0])).data.labels",
                canvasId);
    }

    /**
     * What a chart must draw for a series: the API's value; for a bucket without turns 0 when the metric is a sum
     * (nothing happened) and a gap for a latency. A bucket whose turns did not report the value stays a gap.
     */
    private static List<JsonNode> values(JsonNode group, boolean sum) {
        return list(group.get("points")).stream().map(p -> p.get("turns").longValue() == 0
                ? (sum ? com.fasterxml.jackson.databind.node.IntNode.valueOf(0) : null) : p.get("value")).toList();
    }

    /** The cost of a window: $0 when it had no turns (nothing spent), else the API's amount (null: unknown). */
    private static JsonNode spent(JsonNode window) {
        return window.get("turns").longValue() == 0 && window.get("cost_usd").isNull()
                ? com.fasterxml.jackson.databind.node.IntNode.valueOf(0) : window.get("cost_usd");
    }

    private static String group(JsonNode item) {
        return item.get("group").isNull() ? "(not reported)" : item.get("group").asText();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode ratio(long part, long whole) {
        return whole == 0 ? null : com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
                BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 12, java.math.RoundingMode.HALF_EVEN));
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
