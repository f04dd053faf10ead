package io.agentmeter.cli.up;

import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks of Kafka and PostgreSQL from outside the services: that an external one answers before anything is started
 * on it, and that the gateway's start-up created the schema and the topics.
 */
final class StackChecks {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private StackChecks() {
    }

    /** What the gateway's start-up did: the schema version and the topics, checked from outside. */
    static String verifySetup(String bootstrap, String dbUrl, String user, String password) {
        String version;
        try (Connection connection = connect(dbUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            version = rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new StartupException("the gateway is up but the database schema cannot be read (" + dbUrl + "): "
                    + e.getMessage(), e);
        }
        if (version == null) {
            throw new StartupException("the gateway is up but applied no migration to " + dbUrl);
        }
        Set<String> expected = Topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Admin admin = admin(bootstrap)) {
            present = admin.listTopics().names().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("the gateway is up but the topics on " + bootstrap + " cannot be listed: " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
        expected.removeAll(present);
        if (!expected.isEmpty()) {
            throw new StartupException("the gateway is up but these topics are missing on " + bootstrap + ": "
                    + expected);
        }
        return "schema v" + version + ", " + Topics.all().size() + " topics";
    }

    static void checkDatabase(String url, String user, String password) {
        try (Connection ignored = connect(url, user, password)) {
            // reachable, and the credentials work
        } catch (SQLException e) {
            throw new StartupException("cannot connect to PostgreSQL at " + url + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    static void checkKafka(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            admin.describeCluster().nodes().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + bootstrap + " within " + CHECK_TIMEOUT.toSeconds()
                    + " s" + (e instanceof TimeoutException ? " (no broker answered)" : ": " + e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(CHECK_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(url, properties);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis()));
    }
}
