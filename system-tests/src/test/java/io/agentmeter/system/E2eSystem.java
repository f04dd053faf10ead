package io.agentmeter.system;

import io.agentmeter.cli.up.Ports;
import io.agentmeter.cli.up.UpOptions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** What the whole-system tests share: how they start the system, and the client they talk to it with. */
final class E2eSystem {

    private E2eSystem() {
    }

    /**
     * The options {@code bin/agentmeter up} starts with, on free ports, with the logs of the run under
     * {@code target/e2e/<name>/logs} (or {@code agentmeter.e2e.dir}) and a two-minute start timeout.
     */
    static UpOptions options(String name) {
        Path root = Path.of(System.getProperty(UpOptions.ROOT_PROPERTY, "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("agentmeter.e2e.dir", "target/e2e")).resolve(name).resolve("logs");
        return UpOptions.defaults(root).withLogDir(logs.toAbsolutePath()).withPorts(Ports.FREE)
                .withTimeout(Duration.ofSeconds(120));
    }

    /** HTTP/1.1 with a short connect timeout, so a service that is not up yet fails fast and is asked again. */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }
}
