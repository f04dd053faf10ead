package io.agentmeter.query.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static final Instant NOW = Instant.parse("2026-03-30T12:00:00Z");
    private static final Caller CALLER = new Caller("key_1", "acme", Role.VIEWER);
    private final Params params = new Params(new Limits(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldDefaultToTheLastSevenDaysInUtc() {
        Filter f = params.filter(CALLER, new CommonParams());
        assertThat(f.to()).isEqualTo(NOW);
        assertThat(f.from()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(f.zone().getId()).isEqualTo("UTC");
        assertThat(f.tenantId()).isEqualTo("acme");
    }

    @Test
    void shouldReadRepeatedFiltersAndLabels() {
        CommonParams p = new CommonParams();
        p.model = List.of("gpt-5", "claude", "gpt-5");
        p.label = List.of("team:payments", "env:");
        p.from = "2026-03-29T00:00:00+02:00";
        Filter f = params.filter(CALLER, p);
        assertThat(f.models()).containsExactly("claude", "gpt-5");
        assertThat(f.labels()).containsEntry("team", "payments").containsEntry("env", "");
        assertThat(f.from()).isEqualTo(Instant.parse("2026-03-28T22:00:00Z"));
    }

    @Test
    void shouldNameTheParameterAndTheReason() {
        refused(p -> p.from = "2026-03-29", "from", "RFC 3339");
        refused(p -> p.to = "2026-03-29T00:00:00 01:00", "to", "%2B");
        refused(p -> {
            p.from = "2026-03-29T00:00:00Z";
            p.to = "2026-03-28T00:00:00Z";
        }, "from", "before");
        refused(p -> p.from = "2024-01-01T00:00:00Z", "from", "longer than");
        refused(p -> p.tz = "Europe/Nowhere", "tz", "IANA");
        refused(p -> p.label = List.of(":x"), "label", "key:value");
        refused(p -> p.label = List.of("a:1", "a:2"), "label", "two values");
        refused(p -> p.project = List.of(""), "project", "empty");
    }

    @Test
    void shouldCheckTheLimit() {
        PageParams page = new PageParams();
        page.limit = "5000";
        assertThatThrownBy(() -> params.page(page, "x")).isInstanceOf(ApiException.class)
                .hasMessageContaining("limit");
        page.limit = "ten";
        assertThatThrownBy(() -> params.page(page, "x")).hasMessageContaining("whole number");
    }

    private void refused(java.util.function.Consumer<CommonParams> set, String parameter, String reason) {
        CommonParams p = new CommonParams();
        set.accept(p);
        assertThatThrownBy(() -> params.filter(CALLER, p)).isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException api = (ApiException) e;
                    assertThat(api.status()).isEqualTo(400);
                    assertThat(api.errors().get(0).parameter()).isEqualTo(parameter);
                    assertThat(api.errors().get(0).reason()).contains(reason);
                });
    }

    /** The defaults of QueryConfig.Query. */
    static final class Limits implements QueryConfig.Query {
        public Duration defaultRange() {
            return Duration.ofDays(7);
        }

        public Duration maxRange() {
            return Duration.ofDays(400);
        }

        public int defaultLimit() {
            return 100;
        }

        public int maxLimit() {
            return 1000;
        }

        public int maxPoints() {
            return 1000;
        }

        public int exportFetchSize() {
            return 1000;
        }

        public int counterfactualMaxTurns() {
            return 2_000_000;
        }

        public Duration statementTimeout() {
            return Duration.ofSeconds(30);
        }

        public boolean settledWindowCache() {
            return true;
        }
    }
}
