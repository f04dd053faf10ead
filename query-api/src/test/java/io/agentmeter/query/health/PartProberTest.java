package io.agentmeter.query.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentmeter.query.capabilities.GatewayLink;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PartProberTest {

    @Test
    void shouldSayWhatIsNotConfiguredAndWhyPostgresqlFailed() {
        PartProber prober = prober(Optional.empty(), Optional.of(" "));
        Map<Part, Verdict> verdicts = prober.probe();
        assertThat(verdicts.get(Part.POSTGRESQL))
                .isEqualTo(Verdict.down("SELECT 1 failed: SQLException: Connection to localhost:5 refused"));
        assertThat(verdicts.get(Part.GATEWAY).state()).isEqualTo(Verdict.State.UNKNOWN);
        assertThat(verdicts.get(Part.GATEWAY).detail()).startsWith("not configured: set AGENTMETER_GATEWAY_URL");
        assertThat(verdicts.get(Part.KAFKA).state()).isEqualTo(Verdict.State.UNKNOWN);
        assertThat(verdicts.get(Part.AGGREGATOR).detail()).as("blank is not configured")
                .startsWith("not configured: set AGENTMETER_AGGREGATOR_URL");
        assertThat(verdicts.get(Part.WRITER).detail()).startsWith("not configured: set AGENTMETER_WRITER_URL");
        prober.close();
    }

    @Test
    void shouldNameAFailureThatHasNoMessageOfItsOwn() {
        PartProber prober = prober(Optional.empty(), Optional.empty());
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        assertThat(prober.describe(new CompletionException(refused)))
                .isEqualTo("cannot connect (ConnectException): nothing listens there, or it cannot be reached");
        assertThat(prober.describe(new java.net.http.HttpTimeoutException("request timed out")))
                .isEqualTo("no answer within 1000 ms");
        assertThat(prober.describe(new IllegalStateException("wrapper", new RuntimeException("inner"))))
                .isEqualTo("IllegalStateException: wrapper");
        prober.close();
    }

    @Test
    void shouldKeepAPathPrefixOfTheBaseUrl() {
        assertThat(PartProber.readiness("http://proxy/ingest/", PartProber.GATEWAY_READINESS))
                .isEqualTo("http://proxy/ingest/q/health/ready");
        assertThat(PartProber.readiness("http://localhost:8082", PartProber.AGGREGATOR_READINESS))
                .isEqualTo("http://localhost:8082/health/ready");
    }

    private static PartProber prober(Optional<String> gateway, Optional<String> aggregator) {
        HealthConfig config = new HealthConfig() {
            @Override
            public Optional<String> gatewayUrl() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration cacheTtl() {
                return Duration.ofSeconds(5);
            }
        };
        GatewayLink gatewayLink = () -> gateway;
        AggregatorLink aggregatorLink = () -> aggregator;
        WriterLink writerLink = Optional::empty;
        return new PartProber(new RefusingDataSource(), config, gatewayLink, aggregatorLink, writerLink);
    }

    /** A PostgreSQL that is not there. */
    private static final class RefusingDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection to localhost:5 refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
