package io.agentmeter.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresIT {

    @Test
    void shouldServeAPostgreSql17ThatStoresRows() throws Exception {
        long startedAt = System.nanoTime();
        try (LocalPostgres postgres = LocalPostgres.startEphemeral()) {
            Duration startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
            System.out.printf("LocalPostgres started in %d ms on %s%n", startupTime.toMillis(), postgres.jdbcUrl());

            try (Connection connection = DriverManager.getConnection(
                    postgres.jdbcUrl(), postgres.username(), postgres.password());
                 Statement statement = connection.createStatement()) {
                assertThat(queryStrings(statement, "SHOW server_version")).singleElement().asString().startsWith("17.");
                statement.execute("CREATE TABLE usage_rollup (tenant text PRIMARY KEY, cost numeric NOT NULL)");
                statement.execute("INSERT INTO usage_rollup VALUES ('acme', 1.25)");
                assertThat(queryStrings(statement, "SELECT tenant || '=' || cost FROM usage_rollup"))
                        .containsExactly("acme=1.25");
            }
        }
    }

    @Test
    void shouldKeepCommittedRowsAndTheUrlAcrossStopAndRestart() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startEphemeral()) {
            String url = postgres.jdbcUrl();
            execute(postgres, "CREATE TABLE ledger (id int PRIMARY KEY)", "INSERT INTO ledger VALUES (1), (2)");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThatThrownBy(() -> postgres.dataSource().getConnection()).isInstanceOf(SQLException.class);

            long restartedAt = System.nanoTime();
            postgres.restart();
            System.out.printf("LocalPostgres restarted in %d ms%n", (System.nanoTime() - restartedAt) / 1_000_000);

            assertThat(postgres.jdbcUrl()).isEqualTo(url);
            try (Connection connection = postgres.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(queryStrings(statement, "SELECT id::text FROM ledger ORDER BY id")).containsExactly("1", "2");
            }
        }
    }

    @Test
    void shouldCreateADatabaseOnceAndConnectToIt() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startEphemeral()) {
            postgres.createDatabase("agentmeter_test");
            postgres.createDatabase("agentmeter_test");

            try (Connection connection = postgres.dataSource("agentmeter_test").getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(queryStrings(statement, "SELECT current_database()")).containsExactly("agentmeter_test");
            }
            assertThatThrownBy(() -> postgres.createDatabase("x; DROP TABLE y"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldDeleteAnEphemeralServersDataOnCloseAndTolerateASecondClose() {
        LocalPostgres postgres = LocalPostgres.startEphemeral();
        Path dataDirectory = postgres.dataDirectory();
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        postgres.close();
        postgres.close();

        assertThat(Files.exists(dataDirectory)).isFalse();
        assertThatThrownBy(postgres::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldMakeAPersistentServerDurableAndLeaveAnEphemeralOneFast() throws Exception {
        Path dataDirectory = Files.createTempDirectory("agentmeter-pg-durable-");
        try (LocalPostgres persistent = LocalPostgres.builder().dataDirectory(dataDirectory).start();
             Connection connection = persistent.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(queryStrings(statement, "SHOW fsync")).containsExactly("on");
            assertThat(queryStrings(statement, "SHOW synchronous_commit")).containsExactly("on");
        } finally {
            try (var files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (LocalPostgres ephemeral = LocalPostgres.startEphemeral();
             Connection connection = ephemeral.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(queryStrings(statement, "SHOW fsync")).containsExactly("off");
            assertThat(queryStrings(statement, "SHOW synchronous_commit")).containsExactly("off");
        }
    }

    static void execute(LocalPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static List<String> queryStrings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
