package io.agentmeter.schema.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;

/** How every check reads JSON values (exactly, as decimals) and shows them in a reason (cut at 40 characters). */
final class JsonValues {

    private static final int SHOWN_CHARS = 40;

    private JsonValues() {
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static boolean isFinite(JsonNode node) {
        return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
    }

    /** Whether a finite number node is whole: {@code 12}, {@code 12.0} and {@code 1.2e1} are, as in JSON Schema. */
    static boolean isWhole(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** What {@code node} is, for "got ..." in a reason: "a string (\"x\")", "a number (1)", "null", "nothing" … */
    static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string (" + show(node) + ")";
            case NUMBER -> "a number (" + show(node) + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    /** A short rendering of a value for a reason: strings quoted and escaped, anything cut at 40 characters. */
    static String show(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            boolean cut = text.length() > SHOWN_CHARS;
            String shown = new TextNode(cut ? safeCut(text) : text).toString();
            return cut ? shown.substring(0, shown.length() - 1) + "…\"" : shown;
        }
        String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "…" : text;
    }

    private static String safeCut(String text) {
        int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end);
    }
}
