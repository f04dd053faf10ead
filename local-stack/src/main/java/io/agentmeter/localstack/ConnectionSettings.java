package io.agentmeter.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How agentmeter's services reach a running {@link LocalStack}, as the environment variables they read.
 */
public record ConnectionSettings(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword) {

    public static final String KAFKA_BOOTSTRAP = "AGENTMETER_KAFKA_BOOTSTRAP";
    public static final String DB_URL = "AGENTMETER_DB_URL";
    public static final String DB_USER = "AGENTMETER_DB_USER";
    public static final String DB_PASSWORD = "AGENTMETER_DB_PASSWORD";

    public static ConnectionSettings of(LocalStack stack, String database) {
        LocalPostgres postgres = stack.postgres();
        return new ConnectionSettings(stack.kafka().bootstrapServers(), postgres.jdbcUrl(database),
                postgres.username(), postgres.password());
    }

    /** The settings in a fixed order, keyed by environment variable name. */
    public Map<String, String> asEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(KAFKA_BOOTSTRAP, kafkaBootstrap);
        environment.put(DB_URL, dbUrl);
        environment.put(DB_USER, dbUser);
        environment.put(DB_PASSWORD, dbPassword);
        return environment;
    }

    /** {@code KEY=value} lines, as read by {@code source}, docker-compose and Quarkus' .env support. */
    public String asEnvFile() {
        return asEnvironment().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator()));
    }

    public String asText() {
        return String.join(System.lineSeparator(),
                "  Kafka bootstrap servers : " + kafkaBootstrap,
                "  PostgreSQL JDBC URL     : " + dbUrl,
                "  PostgreSQL user         : " + dbUser,
                "  PostgreSQL password     : " + dbPassword);
    }
}
