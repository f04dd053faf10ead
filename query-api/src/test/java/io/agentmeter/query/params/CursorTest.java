package io.agentmeter.query.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.query.http.ApiException;
import java.util.Arrays;
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
}
