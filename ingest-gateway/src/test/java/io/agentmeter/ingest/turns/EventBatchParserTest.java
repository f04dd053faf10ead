package io.agentmeter.ingest.turns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.schema.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBatchParserTest {

    private final List<JsonNode> items = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final EventBatchParser.ItemHandler handler = new EventBatchParser.ItemHandler() {
        @Override
        public void item(int index, JsonNode node, byte[] source, int offset, int length) {
            items.add(node);
            sources.add(new String(source, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void unreadable(int index, Violation violation) {
            unreadable.add(index + " " + violation);
        }
    };

    private int parse(String body, BatchFormat format, int max) {
        return EventBatchParser.parse(body.getBytes(StandardCharsets.UTF_8), format, max, handler);
    }

    @Test
    void shouldReadOneObjectAsOneItem() {
        assertThat(parse(" {\"a\": 1} ", BatchFormat.JSON, 10)).isEqualTo(1);
        assertThat(items).extracting(node -> node.get("a").intValue()).containsExactly(1);
    }

    @Test
    void shouldReadEveryItemOfAnArrayWhateverItsType() {
        assertThat(parse("[{\"a\": 1}, 2, \"x\", null, [], {\"a\": 3}]", BatchFormat.JSON, 10)).isEqualTo(6);
        assertThat(items.get(0).get("a").intValue()).isEqualTo(1);
        assertThat(items.get(1).isNumber()).isTrue();
        assertThat(items.get(5).get("a").intValue()).isEqualTo(3);
    }

    @Test
    void shouldHandOverTheBytesEachItemWasReadFrom() {
        parse("[ {\"a\": 1},\n  {\"b\": [1, {\"c\": 2}]} ]", BatchFormat.JSON, 10);
        parse("{\"d\": 4}\r\n", BatchFormat.NDJSON, 10);
        parse("  {\"e\": 5}  ", BatchFormat.JSON, 10);
        assertThat(sources).containsExactly("{\"a\": 1}", "{\"b\": [1, {\"c\": 2}]}", "{\"d\": 4}\r", "{\"e\": 5}");
    }

    @Test
    void shouldKeepDecimalsExactlyAsSent() {
        parse("{\"cost\": 0.004210, \"big\": 123456789012345678901234567890}", BatchFormat.JSON, 1);
        assertThat(items.get(0).get("cost").decimalValue().toPlainString()).isEqualTo("0.004210");
        assertThat(items.get(0).get("big").bigIntegerValue().toString()).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void shouldRejectTheWholeJsonBodyOnASyntaxErrorNamingItemAndPosition() {
        assertThatThrownBy(() -> parse("[{\"a\": 1}, {\"a\": ]", BatchFormat.JSON, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("malformed_json");
                    assertThat(e.getMessage()).contains("at item 1").contains("line 1, column");
                });
    }

    @Test
    void shouldRejectDuplicateKeysAndTrailingContent() {
        assertThatThrownBy(() -> parse("{\"a\": 1, \"a\": 2}", BatchFormat.JSON, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("Duplicate"));
        assertThatThrownBy(() -> parse("{\"a\": 1} {\"a\": 2}", BatchFormat.JSON, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("malformed_body"));
        assertThatThrownBy(() -> parse("\"text\"", BatchFormat.JSON, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("a string"));
    }

    @Test
    void shouldStopAtTheFirstItemOverTheLimitWith413() {
        assertThatThrownBy(() -> parse("[1, 2, 3]", BatchFormat.JSON, 2))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("too_many_events");
                });
        assertThat(items).hasSize(2);
        assertThatThrownBy(() -> parse("{}\n{}\n{}\n", BatchFormat.NDJSON, 2))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void shouldReadNdjsonLinesSkippingBlankOnesAndRejectingOnlyBrokenLines() {
        int count = parse("{\"a\": 1}\r\n\n   \n{\"a\": \n{\"a\": 3}{\"b\": 4}\n{\"a\": 5}", BatchFormat.NDJSON, 10);
        assertThat(count).isEqualTo(4);
        assertThat(items).extracting(node -> node.get("a").intValue()).containsExactly(1, 5);
        assertThat(unreadable).hasSize(2);
        assertThat(unreadable.get(0)).startsWith("1 $: is not valid JSON");
        assertThat(unreadable.get(1)).startsWith("2 $: is not valid JSON");
    }

    @Test
    void shouldReportAJsonBodyWithNoValueAsEmpty() {
        assertThatThrownBy(() -> parse("   ", BatchFormat.JSON, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("empty_body"));
        assertThat(parse("[]", BatchFormat.JSON, 10)).isZero();
        assertThat(parse("\n\n", BatchFormat.NDJSON, 10)).isZero();
    }

    @Test
    void shouldChooseTheFormatByContentType() {
        assertThat(BatchFormat.of("application/json")).isEqualTo(BatchFormat.JSON);
        assertThat(BatchFormat.of("Application/JSON; charset=utf-8")).isEqualTo(BatchFormat.JSON);
        assertThat(BatchFormat.of("application/x-ndjson")).isEqualTo(BatchFormat.NDJSON);
        assertThatThrownBy(() -> BatchFormat.of("text/plain"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> BatchFormat.of(null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    }
}
