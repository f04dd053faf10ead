package io.agentmeter.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.ingest.http.ApiException;
import org.junit.jupiter.api.Test;

class AuthenticatorBearerTest {

    @Test
    void shouldTakeTheTokenOfABearerHeader() {
        assertThat(Authenticator.bearer("Bearer am_ingest_abc")).isEqualTo("am_ingest_abc");
        assertThat(Authenticator.bearer("bearer   am_ingest_abc  ")).isEqualTo("am_ingest_abc");
    }

    @Test
    void shouldAnswer401ForAnythingElse() {
        for (String header : new String[] {null, "", "  ", "am_ingest_abc", "Basic abc", "Bearer", "Bearer   "}) {
            assertThatThrownBy(() -> Authenticator.bearer(header))
                    .as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.errors().get(0).path()).isEqualTo("Authorization");
                    });
        }
    }
}
