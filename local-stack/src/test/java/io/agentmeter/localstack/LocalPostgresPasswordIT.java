package io.agentmeter.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server given a password demands it; and one whose postmaster was killed comes back with restart(). */
class LocalPostgresPasswordIT {

    private static final String SECRET = "am_db_Zq3x9-TestOnly_k2";

    @TempDir
    Path temp;

    @Test
    void shouldLockAClusterThatTrustedEveryoneOnItsFirstStartWithAPassword() throws Exception {
        Path data = temp.resolve("pg");
        try (LocalPostgres trusting = LocalPostgres.builder().dataDirectory(data).start()) {
            assertThat(canConnect(trusting, "anything at all")).as("trusts before").isTrue();
        }
        assertThat(LocalPostgres.requiresPassword(data)).isFalse();

        try (LocalPostgres postgres = LocalPostgres.builder().dataDirectory(data).password(SECRET).start()) {
            assertThat(canConnect(postgres, SECRET)).isTrue();
            assertThat(canConnect(postgres, "anything at all")).as("demands it after").isFalse();
        }
        try (LocalPostgres again = LocalPostgres.builder().dataDirectory(data).password(SECRET).start()) {
            assertThat(canConnect(again, SECRET)).as("and starts with it next time").isTrue();
        }
    }

    @Test
    void shouldDemandThePasswordFromANewClusterAndComeBackWithRestartAfterItsPostmasterWasKilled()
            throws Exception {
        Path data = temp.resolve("pg");
        try (LocalPostgres postgres = LocalPostgres.builder().dataDirectory(data).password(SECRET).start()) {
            assertThat(postgres.password()).isEqualTo(SECRET);
            assertThat(canConnect(postgres, SECRET)).isTrue();
            assertThat(canConnect(postgres, LocalPostgres.PASSWORD)).as("the well-known password").isFalse();
            assertThat(LocalPostgres.requiresPassword(data)).isTrue();

            ProcessHandle postmaster = postgres.serverProcess().orElseThrow();
            assertThat(postmaster.isAlive()).isTrue();

            postmaster.destroyForcibly();
            postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(canConnect(postgres, SECRET)).isFalse();

            long started = System.nanoTime();
            postgres.restart();
            System.out.printf("LocalPostgres back after kill -9 in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(canConnect(postgres, SECRET)).isTrue();
            assertThat(postgres.serverProcess()).get().extracting(ProcessHandle::pid).isNotEqualTo(postmaster.pid());
        }
    }

    @Test
    void shouldRefuseAPasswordThatCouldBreakOutOfTheSqlLiteral() {
        assertThatThrownBy(() -> LocalPostgres.builder().password("it's'; DROP ROLE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean canConnect(LocalPostgres postgres, String password) {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), password);
             Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }
}
