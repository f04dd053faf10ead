package io.agentmeter.query.it;

import static io.agentmeter.localstack.fuzz.HttpFuzzer.Endpoint.get;

import io.agentmeter.localstack.fuzz.HttpFuzzer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests to every endpoint of the query API (issue 18): NUL, lone surrogates, invalid UTF-8, bad escapes,
 * huge numbers, impossible dates, forged cursors, oversized values and headers, with keys of every role. No answer may
 * be a 5xx or take longer than the bound, and every application error names what was wrong. Seeded: a failure prints
 * the seed and case to replay ({@code -Dfuzz.seed}, {@code -Dfuzz.case}); {@code -Dfuzz.cases} changes the count
 * (5,000 here, 5,000 more in the gateway's).
 */
@QuarkusTest
@QuarkusTestResource(value = QueryTestResource.class, restrictToAnnotatedClass = false)
class QueryFuzzIT {

    private static final String[] COMMON = {"from", "to", "project", "agent", "model", "provider", "label", "tz",
        "format"};
    private static final String[] PAGE = {"limit", "cursor"};

    private final TestWorld world = QueryTestResource.world();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAnswerEveryHostileRequestWithoutA5xxAHangOrAnUnnamedError() {
        List<HttpFuzzer.Endpoint> endpoints = List.of(
                get("/v1/summary", with(COMMON, "latency")),
                get("/v1/series", with(COMMON, "metric", "interval", "group_by", "limit", "cursor")),
                get("/v1/burn-rate", with(COMMON, "at")),
                get("/v1/sessions", with(COMMON, "limit", "cursor", "sort", "order")),
                get("/v1/sessions/{session_id}", with(PAGE, "include", "format")),
                get("/v1/sessions/{session_id}/activity", with(PAGE, "format")),
                get("/v1/activity/sessions", with(COMMON, "limit", "cursor", "kind", "user_id")),
                get("/v1/compare/models", with(COMMON, "prompt_hash", "min_models")),
                get("/v1/compare/counterfactual", with(COMMON, "target_model", "target_provider", "prompt_hash")),
                get("/v1/compare/sessions", with(PAGE, "session", "session", "format")),
                get("/v1/compare/recordings", with(PAGE, "recording", "recording", "format")),
                get("/v1/breakdown", with(COMMON, "by", "metric", "limit", "cursor")),
                get("/v1/heatmap", with(COMMON, "metric")),
                get("/v1/recordings", with(COMMON, "limit", "cursor")),
                get("/v1/recordings/{recording_id}", "format"),
                get("/v1/export/turns", with(COMMON, "include")),
                get("/v1/live"),
                get("/v1/capabilities"),
                get("/v1/health/parts"),
                get("/q/health/ready"),
                get("/q/openapi", "format"));
        HttpFuzzer fuzzer = new HttpFuzzer(base.getHost(), base.getPort(), endpoints, Arrays.asList(
                "Bearer " + world.acmeViewer, "Bearer " + world.acmeDeveloper, "Bearer " + world.acmeDeveloper,
                "Bearer " + world.acmeAdmin, "Bearer " + world.acmeIngest, "Bearer " + world.acmeRevoked, null));

        System.out.println(fuzzer.run(HttpFuzzer.seed(), HttpFuzzer.cases(5_000)));
    }

    private static String[] with(String[] base, String... more) {
        return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
    }
}
