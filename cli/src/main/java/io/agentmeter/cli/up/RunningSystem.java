package io.agentmeter.cli.up;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the started system answers, and the demo tenant's keys.
 *
 * @param kafkaBootstrap     Kafka's bootstrap servers (embedded or external)
 * @param kafkaEmbedded      false when {@code --kafka} named an external one
 * @param dbUrl              the JDBC URL the services use
 * @param dbEmbedded         false when {@code --db-url} named an external one
 * @param gateway            the ingest gateway's base URL
 * @param queryApi           the query API's base URL
 * @param aggregator         the aggregator's HTTP base URL (health, metrics)
 * @param writer             the writer's HTTP base URL (health, metrics)
 * @param credentials        the demo tenant and its keys
 * @param credentialsReused  true when the keys of an earlier run are still valid and were kept
 * @param dataReused         true when the embedded servers found the data of an earlier run
 */
public record RunningSystem(String kafkaBootstrap, boolean kafkaEmbedded, String dbUrl, String dbUser,
                            String dbPassword, boolean dbEmbedded, URI gateway, URI otlpGrpc, URI queryApi, URI aggregator,
                            URI writer, DemoCredentials credentials, boolean credentialsReused, Path dataDir, Path logDir,
                            boolean dataReused) {

    public Path credentialsFile() {
        return DemoCredentials.file(dataDir);
    }

    public Path log(String service) {
        return logDir.resolve(service + ".log");
    }
}
