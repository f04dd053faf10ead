package io.agentmeter.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Compares an API figures object with the independent computation. */
public final class Checks {

    private Checks() {
    }

    public static void figures(JsonNode f, Expected e, String what) {
        assertThat(f.get("turns").longValue()).as(what + " turns").isEqualTo(e.turns);
        assertThat(f.get("error_turns").longValue()).as(what + " error_turns").isEqualTo(e.errors);
        for (String kind : Expected.KINDS) {
            assertThat(f.has(kind)).as(what + " has " + kind + " in " + f).isTrue();
            assertThat(Api.longOrNull(f.get(kind))).as(what + " " + kind).isEqualTo(e.tokens(kind));
            assertThat(f.get(kind + "_turns").longValue()).as(what + " " + kind + "_turns")
                    .isEqualTo(e.coverage(kind));
        }
        cost(Api.decimal(f.get("cost_usd")), e.cost, what);
        assertThat(f.get("cost_turns").longValue()).as(what + " cost_turns").isEqualTo(e.costTurns);
        assertThat(f.get("unpriced_turns").longValue()).as(what + " unpriced_turns").isEqualTo(e.unpriced);
        assertThat(f.get("incomplete_cost_turns").longValue()).as(what + " incomplete").isEqualTo(e.incomplete);
    }

    public static void latency(JsonNode f, Expected e, String what) {
        assertThat(f.get("duration_turns").longValue()).as(what + " duration_turns").isEqualTo(e.durations.size());
        for (String q : new String[] {"50", "95", "99"}) {
            JsonNode v = f.get("latency_p" + q + "_ms");
            Double actual = v == null || v.isNull() ? null : v.doubleValue();
            assertThat(Expected.quantileClose(e.durations, Integer.parseInt(q) / 100.0, actual))
                    .as(what + " p" + q + " " + actual).isTrue();
        }
    }

    /** Exact equality of money, null for unknown. */
    public static void cost(BigDecimal actual, BigDecimal expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what + " cost").isNull();
        } else {
            assertThat(actual).as(what + " cost").isNotNull();
            assertThat(actual.compareTo(expected)).as(what + " cost " + actual + " vs " + expected).isZero();
        }
    }
}
