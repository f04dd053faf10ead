package io.agentmeter.service.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.service.http.ErrorAnswer;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void shouldKeepPostgresqlsOwnTextOutOfTheAnswer() {
        ErrorAnswer answer = Database.unavailable(new SQLException(
                "Connection to db.internal:5432 refused; relation \"api_keys\" does not exist", "08001"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("database_unavailable");
        assertThat(answer.toBody().message()).doesNotContain("db.internal").doesNotContain("api_keys")
                .isEqualTo("PostgreSQL did not complete the request; retry later");
        assertThat(answer.retryAfter()).isPresent();
    }

    @Test
    void shouldTellAStatementTimeoutApart() {
        ErrorAnswer answer = Database.unavailable(new SQLException("canceling statement due to statement timeout",
                "57014"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo(Database.TIMEOUT);
        assertThat(answer.retryAfter()).contains(Database.RETRY_AFTER);
        assertThat(Database.isDatabaseError(answer.code())).isTrue();
        assertThat(Database.isDatabaseError("unauthorized")).isFalse();
    }

    @Test
    void shouldAnswerAFailedCallAs503() {
        assertThat(Database.call(() -> "row")).isEqualTo("row");
        assertThatThrownBy(() -> Database.call(() -> {
            throw new SQLException("Connection refused", "08001");
        })).isInstanceOfSatisfying(ErrorAnswer.class, e -> assertThat(e.code()).isEqualTo(Database.UNAVAILABLE));
    }
}
