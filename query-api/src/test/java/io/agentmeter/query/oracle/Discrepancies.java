package io.agentmeter.query.oracle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every way the system's answers differ from the recomputation, by check: the oracle goes through every endpoint
 * before it fails, so one run names every defect (a first hard assertion would hide the rest).
 */
final class Discrepancies {

    private static final int SHOWN_PER_CHECK = 6;

    private final Map<String, List<String>> byCheck = new LinkedHashMap<>();
    private final Map<String, Integer> passed = new LinkedHashMap<>();

    /** Runs an AssertJ-style comparison; an AssertionError is recorded under {@code check}, not thrown. */
    void verify(String check, String what, Runnable comparison) {
        try {
            comparison.run();
            passed.merge(check, 1, Integer::sum);
        } catch (AssertionError | RuntimeException e) {
            add(check, what + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim());
        }
    }

    /** Equality with {@code compareTo} semantics for decimals, null only equal to null. */
    void equal(String check, String what, Object expected, Object actual) {
        if (same(expected, actual)) {
            passed.merge(check, 1, Integer::sum);
        } else {
            add(check, what + ": expected " + expected + " but was " + actual);
        }
    }

    void add(String check, String message) {
        byCheck.computeIfAbsent(check, k -> new ArrayList<>()).add(message);
    }

    static boolean same(Object expected, Object actual) {
        if (expected instanceof java.math.BigDecimal e && actual instanceof java.math.BigDecimal a) {
            return e.compareTo(a) == 0;
        }
        if (expected instanceof Number e && actual instanceof Number a
                && !(expected instanceof java.math.BigDecimal) && !(actual instanceof java.math.BigDecimal)) {
            return e.longValue() == a.longValue();
        }
        return Objects.equals(expected, actual);
    }

    boolean isEmpty() {
        return byCheck.isEmpty();
    }

    /** A report: per check how many comparisons failed and passed, and the first few failures. */
    String report() {
        StringBuilder out = new StringBuilder();
        for (var e : byCheck.entrySet()) {
            out.append("\n- ").append(e.getKey()).append(": ").append(e.getValue().size()).append(" failed, ")
                    .append(passed.getOrDefault(e.getKey(), 0)).append(" passed");
            e.getValue().stream().limit(SHOWN_PER_CHECK).forEach(m -> out.append("\n    ").append(m));
        }
        out.append("\nchecks without a discrepancy: ");
        passed.keySet().stream().filter(k -> !byCheck.containsKey(k))
                .forEach(k -> out.append(k).append(" (").append(passed.get(k)).append("), "));
        return out.toString();
    }

    /** Every failure, for the file next to the logs. */
    String full() {
        StringBuilder out = new StringBuilder();
        byCheck.forEach((k, v) -> v.forEach(m -> out.append(k).append(" | ").append(m).append('\n')));
        return out.toString();
    }
}
