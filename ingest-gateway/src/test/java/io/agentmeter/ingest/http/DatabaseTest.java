package io.agentmeter.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void shouldKeepPostgresqlsOwnTextOutOfTheAnswer() {
        ApiException answer = Database.unavailable(new SQLException(
                "Connection to db.internal:5432 refused; relation \"api_keys\" does not exist", "08001"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("database_unavailable");
        assertThat(answer.toBody().message()).doesNotContain("db.internal").doesNotContain("api_keys")
                .isEqualTo("PostgreSQL did not complete the request; retry later");
        assertThat(answer.retryAfter()).isPresent();
    }
}
