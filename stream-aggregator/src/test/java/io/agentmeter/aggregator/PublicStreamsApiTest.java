package io.agentmeter.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The aggregator uses Kafka Streams' public API only: no source file of any module's main code names a package
 * {@code org.apache.kafka.streams.….internals}, so a Kafka upgrade cannot change behaviour we rely on unannounced.
 * (The rollups' commit buffers needed one such interface; since the sink makes the rollups, nothing does.)
 */
class PublicStreamsApiTest {

    private static final Pattern INTERNALS = Pattern.compile("org\\.apache\\.kafka\\.streams(\\.\\w+)*\\.internals");

    @Test
    void shouldNameNoKafkaStreamsInternalsInMainCode() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> {
                        try {
                            return INTERNALS.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(p -> root.relativize(p).toString())
                    .toList();
        }
        assertThat(offenders).as("main sources naming Kafka Streams internals").isEmpty();
    }

    @Test
    void shouldRecogniseAnInternalsImport() {
        assertThat(INTERNALS.matcher("import org.apache.kafka.streams.processor.internals.ProcessorNode;").find())
                .isTrue();
        assertThat(INTERNALS.matcher("import org.apache.kafka.streams.state.KeyValueStore;").find()).isFalse();
    }
}
