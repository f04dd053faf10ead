package io.agentmeter.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL's password: generated once, on record before the cluster exists, then reused. */
class DemoCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepANewPasswordInTheKeysFileBeforeAnythingElseIsThere() throws Exception {
        String password = DemoCredentials.embeddedDbPassword(dataDir, Optional.empty(), false);

        assertThat(password).startsWith("am_db_").hasSizeGreaterThan(40);
        assertThat(DemoCredentials.read(dataDir).orElseThrow()).containsEntry(DemoCredentials.DB_PASSWORD, password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DemoCredentials.file(dataDir))))
                .isEqualTo("rw-------");
        assertThat(DemoCredentials.embeddedDbPassword(dataDir, DemoCredentials.read(dataDir), true))
                .as("the next run").isEqualTo(password);
    }

    @Test
    void shouldKeepTheOtherLinesWhenAddingThePasswordAndKeepThePasswordWhenWritingTheKeys() {
        DemoCredentials keys = new DemoCredentials("demo", "am_admin_x", "am_ingest_y", "k1", "am_query_z", "k2");
        keys.write(dataDir, "http://localhost:8080", "http://localhost:8081", null);

        String password = DemoCredentials.embeddedDbPassword(dataDir, DemoCredentials.read(dataDir), false);
        Map<String, String> values = DemoCredentials.read(dataDir).orElseThrow();
        assertThat(values).containsEntry(DemoCredentials.INGEST_KEY, "am_ingest_y")
                .containsEntry(DemoCredentials.DB_PASSWORD, password);

        keys.write(dataDir, "http://localhost:8080", "http://localhost:8081", password);
        assertThat(DemoCredentials.read(dataDir).orElseThrow()).containsEntry(DemoCredentials.DB_PASSWORD, password);
    }

    @Test
    void shouldRefuseToInventAPasswordForAClusterThatDemandsTheLostOne() {
        assertThatThrownBy(() -> DemoCredentials.embeddedDbPassword(dataDir, Optional.of(Map.of()), true))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining(DemoCredentials.DB_PASSWORD)
                .hasMessageContaining("put it back, or delete");
        assertThat(DemoCredentials.read(dataDir)).isEmpty();
    }
}
