package io.agentmeter.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.service.db.Database;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private final List<String> counted = new ArrayList<>();
    private final ErrorMapper mapper = new ErrorMapper(new ServiceErrors(
            (status, code, field, reason) -> new ErrorAnswer(status, code, field + " " + reason, List.of(field), null),
            answer -> counted.add(answer.status() + " " + answer.code()), "the service failed unexpectedly"));

    @Test
    void shouldAnswerJsonWithTheCodeAndCountIt() {
        Response answer = mapper.api(new ErrorAnswer(400, "invalid_parameter", "from: not a time", List.of("from"),
                null));

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getMediaType().toString()).isEqualTo("application/json");
        assertThat(answer.getEntity()).isEqualTo(new ErrorBody("invalid_parameter", "from: not a time",
                List.of("from")));
        assertThat(answer.getHeaderString("Retry-After")).isNull();
        assertThat(counted).containsExactly("400 invalid_parameter");
    }

    @Test
    void shouldSayWhenToRetryInWholeSecondsRoundedUp() {
        Response answer = mapper.api(Database.unavailable(new SQLException("Connection refused", "08001")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");

        assertThat(ErrorMapper.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ErrorMapper.retryAfterSeconds(Duration.ofMillis(4001))).isEqualTo(5);
        assertThat(ErrorMapper.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(ErrorMapper.retryAfterSeconds(Duration.ofMillis(-5))).isEqualTo(1);
    }

    @Test
    void shouldAskForABearerKeyOn401() {
        Response answer = mapper.api(new ErrorAnswer(401, "unauthorized", "Authorization is missing",
                List.of("Authorization"), null));
        assertThat(answer.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void shouldAnswerWhatJaxRsRefusesAsJson() {
        assertThat(body(mapper.notFound(new NotFoundException()))).isEqualTo(
                new ErrorBody("not_found", "no such resource", List.of()));
        Response notAllowed = mapper.notAllowed(new NotAllowedException("GET"));
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(body(notAllowed).error()).isEqualTo("method_not_allowed");
        assertThat(body(notAllowed).message()).contains("GET");
        assertThat(body(mapper.web(new WebApplicationException("gone", 410)))).isEqualTo(
                new ErrorBody("bad_request", "gone", List.of()));
        assertThat(body(mapper.web(new WebApplicationException(502))).error()).isEqualTo("internal_error");
        assertThat(counted).containsExactly("404 not_found", "405 method_not_allowed", "410 bad_request",
                "502 internal_error");
    }

    @Test
    void shouldAnswerAnUnexpectedFailureIn500WithTheServicesSentence() {
        Response answer = mapper.unexpected(new IllegalStateException("db.internal:5432 exploded"));
        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(body(answer)).isEqualTo(new ErrorBody("internal_error", "the service failed unexpectedly",
                List.of()));
    }

    private static ErrorBody body(Response answer) {
        return (ErrorBody) answer.getEntity();
    }
}
