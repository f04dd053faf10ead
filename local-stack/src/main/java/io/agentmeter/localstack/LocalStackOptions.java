package io.agentmeter.localstack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options of {@link LocalStackMain}.
 *
 * <p>PostgreSQL defaults to port 54329, not 5432, so the stack starts next to a PostgreSQL already installed on
 * the machine.
 */
record LocalStackOptions(Path dataDirectory, int kafkaPort, int postgresPort, Optional<Path> envFile, boolean help) {

    static final Path DEFAULT_DATA_DIRECTORY = Path.of(".agentmeter", "data");
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_POSTGRES_PORT = 54329;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: LocalStackMain [--data-dir DIR] [--kafka-port N] [--pg-port N] [--env-file FILE]",
            "  --data-dir DIR    where Kafka and PostgreSQL keep their data between runs (default "
                    + DEFAULT_DATA_DIRECTORY + ")",
            "  --kafka-port N    Kafka client port on 127.0.0.1 (default " + DEFAULT_KAFKA_PORT + "; 0 = any free port)",
            "  --pg-port N       PostgreSQL port on localhost (default " + DEFAULT_POSTGRES_PORT
                    + "; 0 = any free port)",
            "  --env-file FILE   also write the AGENTMETER_* settings to FILE (removed again on stop)",
            "  --help            print this text");

    static LocalStackOptions parse(String... args) {
        Path dataDirectory = DEFAULT_DATA_DIRECTORY;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int postgresPort = DEFAULT_POSTGRES_PORT;
        Optional<Path> envFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return new LocalStackOptions(dataDirectory, kafkaPort, postgresPort, envFile, true);
                }
                case "--data-dir" -> dataDirectory = Path.of(valueOf(option, args, ++i));
                case "--kafka-port" -> kafkaPort = port(option, valueOf(option, args, ++i));
                case "--pg-port" -> postgresPort = port(option, valueOf(option, args, ++i));
                case "--env-file" -> envFile = Optional.of(Path.of(valueOf(option, args, ++i)));
                default -> throw new IllegalArgumentException("Unknown option: " + option);
            }
        }
        return new LocalStackOptions(dataDirectory, kafkaPort, postgresPort, envFile, false);
    }

    private static String valueOf(String option, String[] args, int index) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(option + " needs a port number (0-65535), got: " + value);
    }
}
