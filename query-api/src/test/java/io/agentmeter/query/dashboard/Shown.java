package io.agentmeter.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Checks that a number as the page shows it equals the API's: exactly for counts, and for decimals (money, means,
 * latencies, percentages) within half a unit of the last digit shown. A null from the API must be shown as
 * "not reported" (or the reason a cost is unknown), never as 0.
 */
final class Shown {

    static final String NOT_REPORTED = "not reported";

    private Shown() {
    }

    /** The number in a shown text: "$1,234.57" → 1234.57, "+$0.0012" → 0.0012, "12.5%" → 12.5, "1,234 ms" → 1234. */
    static BigDecimal number(String shown) {
        String digits = shown.replaceAll("[^0-9.\\-]", "");
        if (digits.isEmpty() || digits.equals("-") || digits.equals(".")) {
            throw new AssertionError("no number in \"" + shown + "\"");
        }
        return new BigDecimal(digits);
    }

    static void near(String shown, BigDecimal api, String what) {
        if (api == null) {
            assertThat(shown).as(what + " (unknown in the API)").contains(NOT_REPORTED);
            return;
        }
        assertThat(shown).as(what).doesNotContain(NOT_REPORTED);
        BigDecimal value = number(shown);
        BigDecimal half = BigDecimal.ONE.movePointLeft(Math.max(0, value.scale())).divide(BigDecimal.valueOf(2));
        assertThat(value.subtract(api).abs()).as(what + ": shown \"" + shown + "\", API " + api.toPlainString())
                .isLessThanOrEqualTo(half.add(new BigDecimal("1e-9")));
    }

    static void money(String shown, JsonNode api, String what) {
        near(shown, decimal(api), what);
    }

    static void count(String shown, JsonNode api, String what) {
        if (api == null || api.isNull()) {
            assertThat(shown).as(what + " (unknown in the API)").contains(NOT_REPORTED);
            return;
        }
        assertThat(shown.replace(",", "")).as(what).isEqualTo(api.asText());
    }

    /** A ratio (0..1) shown as a percentage. */
    static void percent(String shown, JsonNode ratio, String what) {
        near(shown, ratio == null || ratio.isNull() ? null : ratio.decimalValue().movePointRight(2), what);
    }

    static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    /** Chart data (numbers or null) equals the API's values, each within a relative 1e-9. */
    static void series(List<?> chart, List<JsonNode> api, String what) {
        assertThat(chart).as(what + " points").hasSize(api.size());
        for (int i = 0; i < api.size(); i++) {
            JsonNode expected = api.get(i);
            Object actual = chart.get(i);
            if (expected == null || expected.isNull()) {
                assertThat(actual).as(what + " point " + i + " (unknown: a gap, not 0)").isNull();
            } else {
                assertThat(actual).as(what + " point " + i).isNotNull();
                double a = ((Number) actual).doubleValue();
                double e = expected.asDouble();
                assertThat(Math.abs(a - e)).as(what + " point " + i + ": chart " + a + ", API " + e)
                        .isLessThanOrEqualTo(Math.max(1e-9, Math.abs(e) * 1e-9));
            }
        }
    }
}
