package io.agentmeter.localstack;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Formats a KRaft log directory the way {@code kafka-storage.sh format} does, but only once: a directory that
 * already holds {@code meta.properties} keeps its cluster id, its metadata and therefore its topics.
 */
final class KafkaStorage {

    private KafkaStorage() {
    }

    static boolean isFormatted(Path logDirectory) {
        return Files.exists(logDirectory.resolve("meta.properties"));
    }

    static void formatIfNeeded(Path logDirectory) throws Exception {
        formatIfNeeded(logDirectory, SingleNodeBrokerConfig.NODE_ID, Uuid.randomUuid().toString());
    }

    /** Formats one node of a cluster whose nodes share {@code clusterId} (a static quorum: no initial voters). */
    static void formatIfNeeded(Path logDirectory, int nodeId, String clusterId) throws Exception {
        if (isFormatted(logDirectory)) {
            return;
        }
        Files.createDirectories(logDirectory);
        String directory = logDirectory.toAbsolutePath().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(directory))
                .setMetadataLogDirectory(directory)
                .setControllerListenerName(SingleNodeBrokerConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }
}
