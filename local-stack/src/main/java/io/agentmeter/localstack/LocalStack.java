package io.agentmeter.localstack;

import java.nio.file.Path;

/**
 * The Kafka broker and the PostgreSQL server agentmeter needs, started together.
 *
 * <p>With a data directory, Kafka keeps its log in {@code <dataDirectory>/kafka} and PostgreSQL its cluster in
 * {@code <dataDirectory>/postgres}, and a later start over the same directory finds the same topics and tables.
 * Without one, both use temporary directories that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().start()) {
 *     stack.kafka().createTopic("usage-events", 3, Map.of());
 *     stack.postgres().createDatabase("agentmeter");
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final Path dataDirectory;

    private LocalStack(LocalKafka kafka, LocalPostgres postgres, Path dataDirectory) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path dataDirectory;
        private int kafkaPort;
        private int postgresPort;

        private Builder() {
        }

        /** Null (the default) means ephemeral: temporary directories, deleted on close. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** 0 (the default) means a free port chosen at start. */
        public Builder kafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** 0 (the default) means a free port chosen at start. */
        public Builder postgresPort(int postgresPort) {
            this.postgresPort = postgresPort;
            return this;
        }

        public LocalStack start() {
            Path kafkaDirectory = dataDirectory == null ? null : dataDirectory.resolve("kafka");
            Path postgresDirectory = dataDirectory == null ? null : dataDirectory.resolve("postgres");
            LocalPostgres postgres = LocalPostgres.builder().dataDirectory(postgresDirectory).port(postgresPort).start();
            try {
                LocalKafka kafka = LocalKafka.builder().logDirectory(kafkaDirectory).port(kafkaPort).start();
                return new LocalStack(kafka, postgres, dataDirectory);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
        }
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /** Null for an ephemeral stack. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops Kafka, then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
