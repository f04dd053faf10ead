package io.agentmeter.query.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.query.http.ApiException;
import io.agentmeter.schema.auth.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void shouldGiveBackThePositionForTheSameQuery() {
        String cursor = Cursor.encode("sessions|acme|cost", Arrays.asList("12.5", "s-1", null));
        assertThat(Cursor.decode(cursor, "sessions|acme|cost")).isEqualTo(Arrays.asList("12.5", "s-1", null));
        assertThat(cursor).doesNotContain("acme").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldRefuseACursorOfAnotherQuery() {
        String cursor = Cursor.encode("sessions|acme|cost", List.of("1"));
        assertThatThrownBy(() -> Cursor.decode(cursor, "sessions|globex|cost"))
                .isInstanceOf(ApiException.class).hasMessageContaining("cursor");
    }

    @Test
    void shouldRefuseGarbage() {
        for (String garbage : List.of("!!", "bm9wZQ", "WyJ4Il0", "WzEsMl0")) {
            assertThatThrownBy(() -> Cursor.decode(garbage, "x")).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void shouldRefuseAForgedCursorWhoseValuesCouldNotReachSql() {
        // Anyone can write a cursor of their own query (base64 JSON); its values must meet the parameters' text rule.
        String scope = "sessions|acme|cost";
        String digest = ApiKeys.sha256Hex(scope).substring(0, 16);
        for (String escaped : List.of("s\\u0000", "\\ud800")) {
            String json = "[\"" + digest + "\",[\"1\",\"" + escaped + "\"]]";
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Cursor.decode(forged, scope)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                    .hasMessageContaining("cursor");
        }
        String fine = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("[\"" + digest + "\",[\"1\",\"\\ud83d\\ude00\"]]").getBytes(StandardCharsets.UTF_8));
        assertThat(Cursor.decode(fine, scope)).containsExactly("1", "\ud83d\ude00");
    }
}
