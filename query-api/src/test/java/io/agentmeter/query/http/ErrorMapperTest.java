package io.agentmeter.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.query.metrics.QueryMetrics;
import io.agentmeter.service.db.Database;
import io.agentmeter.service.http.ErrorMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ErrorMapper mapper = new ErrorMapper(QueryErrors.serviceErrors(new QueryMetrics(registry)));

    @Test
    void shouldCountADatabaseThatCannotAnswerAsARejectedRequestAndADatabaseError() {
        Response answer = mapper.api(Database.unavailable(new SQLException("Connection refused", "08001")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(rejected(503, "database_unavailable")).isEqualTo(1.0);
        assertThat(databaseErrors("request", "database_unavailable")).isEqualTo(1.0);
        assertThat(databaseErrors("request", "query_timeout")).isZero();
    }

    @Test
    void shouldCountAStatementTimeoutApart() {
        mapper.api(Database.unavailable(new SQLException("canceling statement due to statement timeout", "57014")));
        assertThat(databaseErrors("request", "query_timeout")).isEqualTo(1.0);
        assertThat(databaseErrors("request", "database_unavailable")).isZero();
    }

    @Test
    void shouldCountOtherErrorsByStatusAndCodeOnly() {
        mapper.api(ApiException.unauthorized("is missing"));
        mapper.api(ApiException.badParameter("from", "not a time"));
        mapper.api(ApiException.badParameter("to", "not a time"));
        assertThat(rejected(401, "unauthorized")).isEqualTo(1.0);
        assertThat(rejected(400, "invalid_parameter")).isEqualTo(2.0);
        assertThat(registry.find("agentmeter.query.database.errors").counters())
                .allMatch(c -> c.count() == 0.0);
    }

    @Test
    void shouldNameTheDatabaseErrorsAsTheMetricsDo() {
        assertThat(QueryMetrics.DATABASE_ERRORS).containsExactly(Database.UNAVAILABLE, Database.TIMEOUT);
    }

    private double rejected(int status, String error) {
        return registry.find("agentmeter.query.requests.rejected").tag("status", Integer.toString(status))
                .tag("error", error).counter().count();
    }

    private double databaseErrors(String source, String error) {
        return registry.find("agentmeter.query.database.errors").tag("source", source).tag("error", error)
                .counter().count();
    }
}
