package io.agentmeter.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.service.http.ErrorAnswer;
import io.agentmeter.service.http.FieldErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private static final FieldErrors WORDS = (status, code, field, reason) ->
            new ErrorAnswer(status, code, field + ": " + reason, List.of(field), null);

    @Test
    void shouldTakeTheTokenOfABearerHeader() {
        assertThat(BearerToken.of("Bearer am_query_abc", "query key", WORDS)).isEqualTo("am_query_abc");
        assertThat(BearerToken.of("bearer   am_query_abc  ", "query key", WORDS)).isEqualTo("am_query_abc");
    }

    @Test
    void shouldAnswer401AboutTheHeaderInTheServicesWords() {
        for (String header : new String[] {null, "", "  ", "am_query_abc", "Basic abc", "Bearer", "Bearer   "}) {
            assertThatThrownBy(() -> BearerToken.of(header, "query key", WORDS))
                    .as(String.valueOf(header))
                    .isInstanceOfSatisfying(ErrorAnswer.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("unauthorized");
                        assertThat(e.errors()).isEqualTo(List.of("Authorization"));
                        assertThat(e.getMessage()).startsWith("Authorization: ").contains("<query key>");
                    });
        }
    }
}
