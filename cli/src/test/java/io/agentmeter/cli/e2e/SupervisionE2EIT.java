package io.agentmeter.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.DemoCredentials;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.Supervisor;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} as an init system: the system started the way {@code bin/agentmeter up} starts it, then the aggregator
 * and PostgreSQL each killed with SIGKILL. Nobody touches anything: each comes back by itself (reported on the
 * console with its exit status and restart count), the gateway and the query API keep serving meanwhile, and turns
 * sent before, during and after the crashes are all counted, once. Also: the services listen on the loopback address
 * only, and PostgreSQL demands the generated password kept in the keys file.
 */
class SupervisionE2EIT {

    /** Generous: on a loaded 2-core machine an aggregator takes over a minute to start and catch up. */
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private final HttpClient http = E2eSystem.http();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void shouldRestartAKilledAggregatorAndPostgresWhileTheOthersKeepServing() throws Exception {
        UpOptions options = E2eSystem.options("supervision").withDataDir(temp.resolve("data"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (SystemRunner runner = new SystemRunner(options, new Progress(new PrintStream(
                new Tee(System.out, console), true, StandardCharsets.UTF_8)))) {
            RunningSystem system = runner.start();
            Supervisor supervisor = runner.supervisor();
            long gateway = supervisor.pid(SystemRunner.GATEWAY).orElseThrow();
            long queryApi = supervisor.pid(SystemRunner.QUERY_API).orElseThrow();

            assertLoopbackOnly(system);
            assertPostgresDemandsTheKeptPassword(system);

            send(system, 1, now);
            awaitTurns(system, now, 1);

            // The aggregator, killed: the gateway takes turns and the query API answers while it is down.
            long aggregator = supervisor.pid(SystemRunner.AGGREGATOR).orElseThrow();
            kill(aggregator);
            send(system, 2, now);
            assertThat(summary(system, now).path("current").isObject()).as("the query API answers").isTrue();
            await("the aggregator restarted", () -> supervisor.pid(SystemRunner.AGGREGATOR).orElse(aggregator)
                    != aggregator);
            awaitTurns(system, now, 2);
            assertThat(supervisor.restarts(SystemRunner.AGGREGATOR)).isEqualTo(1);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("aggregator (pid " + aggregator + ") exited with status 137; restart 1 in")
                    .contains("aggregator restarted (pid " + supervisor.pid(SystemRunner.AGGREGATOR).orElseThrow()
                            + "; restart 1)");

            // PostgreSQL, killed: it comes back, and the turn sent after it is stored without anyone's help.
            long postgres = postmaster(system).orElseThrow();
            kill(postgres);
            await("PostgreSQL restarted", () -> postmaster(system).filter(pid -> pid != postgres)
                    .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent());
            send(system, 3, now);
            awaitTurns(system, now, 3);
            assertThat(supervisor.restarts("postgres")).isEqualTo(1);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("postgres (pid " + postgres + ") exited")
                    .contains("postgres restarted (pid ");

            assertThat(supervisor.pid(SystemRunner.GATEWAY)).as("the gateway kept running").hasValue(gateway);
            assertThat(supervisor.pid(SystemRunner.QUERY_API)).as("the query API kept running").hasValue(queryApi);
            assertThat(supervisor.restarts(SystemRunner.GATEWAY) + supervisor.restarts(SystemRunner.QUERY_API))
                    .isZero();
        }
    }

    /** Nothing answers on this machine's other addresses (when it has one to try). */
    private static void assertLoopbackOnly(RunningSystem system) throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assertThat(answers(new InetSocketAddress(InetAddress.getLoopbackAddress(), system.gateway().getPort())))
                .as("the gateway on the loopback address").isTrue();
        if (external.isEmpty()) {
            return;
        }
        for (URI service : new URI[] {system.gateway(), system.queryApi(), system.aggregator()}) {
            assertThat(answers(new InetSocketAddress(external.get(), service.getPort())))
                    .as("%s on %s", service, external.get()).isFalse();
        }
    }

    private static void assertPostgresDemandsTheKeptPassword(RunningSystem system) {
        String kept = DemoCredentials.read(system.dataDir()).orElseThrow().get(DemoCredentials.DB_PASSWORD);
        assertThat(kept).isEqualTo(system.dbPassword()).isNotEqualTo(LocalPostgres.PASSWORD);
        assertThat(connects(system.dbUrl(), system.dbUser(), kept)).isTrue();
        assertThat(connects(system.dbUrl(), system.dbUser(), LocalPostgres.PASSWORD)).isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Sends turn {@code n} (1200 input tokens) until the gateway takes it: it may be waiting for PostgreSQL. */
    private void send(RunningSystem system, int n, Instant now) throws Exception {
        String turn = "{\"event_id\":\"supervised-" + n + "\",\"occurred_at\":\"" + now.minusSeconds(60 - n)
                + "\",\"session_id\":\"supervised\",\"model\":\"claude-sonnet-4-5\","
                + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":300}}";
        HttpRequest request = HttpRequest.newBuilder(system.gateway().resolve("/v1/turns"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + system.credentials().ingestKey())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(turn)).build();
        String[] last = {""};
        await("the gateway takes turn " + n + " (last answer: " + last[0] + ")", () -> {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                last[0] = answer.statusCode() + " " + answer.body();
                return answer.statusCode() == 200;
            } catch (IOException e) {
                last[0] = e.toString();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private void awaitTurns(RunningSystem system, Instant now, long turns) throws Exception {
        JsonNode[] last = {null};
        await(turns + " turns counted", () -> {
            last[0] = summary(system, now);
            JsonNode figures = last[0].path("current").path("figures");
            return figures.path("turns").asLong() == turns && figures.path("input_tokens").asLong() == 1200 * turns;
        });
    }

    private JsonNode summary(RunningSystem system, Instant now) {
        URI uri = system.queryApi().resolve("/v1/summary?from=" + now.minus(1, ChronoUnit.HOURS) + "&to="
                + now.plus(1, ChronoUnit.HOURS));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + system.credentials().queryKey()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Json.mapper().readTree(answer.body())
                    : Json.mapper().createObjectNode().put("status", answer.statusCode());
        } catch (IOException e) {
            return Json.mapper().createObjectNode().put("error", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.mapper().createObjectNode().put("error", "interrupted");
        }
    }

    /** PostgreSQL's server process, as its own {@code postmaster.pid} names it. */
    private static Optional<Long> postmaster(RunningSystem system) {
        try {
            return Files.readAllLines(system.dataDir().resolve("postgres").resolve("postmaster.pid")).stream()
                    .findFirst().map(String::strip).map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL, as {@code kill -9} sends it. */
    private static void kill(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s s", what, DEADLINE.toSeconds()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean connects(String url, String user, String password) {
        try (var ignored = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Writes to both streams: the console lines stay visible in the build log and can be checked. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
