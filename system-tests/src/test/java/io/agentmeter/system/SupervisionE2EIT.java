package io.agentmeter.system;

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
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * {@code up} as an init system: the system started the way {@code bin/agentmeter up} starts it, a client sending
 * turns all along ({@link TurnWorkload}: batches retried until taken, some sent twice), and each part killed with
 * SIGKILL in turn: the gateway, the aggregator, the writer, the query API and PostgreSQL. Nobody touches
 * anything: each comes back by itself (reported on the console with its exit status and restart count), the others
 * keep their process, and in the end every acknowledged turn is stored exactly once and every figure of the summary
 * equals a plain SQL recomputation over the stored turns. How long each part was unavailable is measured and written
 * to {@code target/e2e/supervision/downtime.txt}. Also: the services listen on the loopback address only, and
 * PostgreSQL demands the generated password kept in the keys file.
 */
class SupervisionE2EIT {

    private static final List<String> SERVICES = List.of(SystemRunner.GATEWAY, SystemRunner.AGGREGATOR,
            SystemRunner.WRITER, SystemRunner.QUERY_API);
    /** Generous: on a loaded 2-core machine an aggregator takes over a minute to start and catch up. */
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    /** Turns flow this long between two crashes, so each crash lands in a running workload. */
    private static final Duration BETWEEN_CRASHES = Duration.ofSeconds(4);

    private final HttpClient http = E2eSystem.http();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void shouldRestartEachKilledPartWhileTheOthersKeepServingAndLoseOrDoubleNoTurn() throws Exception {
        UpOptions options = E2eSystem.options("supervision").withDataDir(temp.resolve("data"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Duration> downtime = new LinkedHashMap<>();
        try (SystemRunner runner = new SystemRunner(options, new Progress(new PrintStream(
                new Tee(System.out, console), true, StandardCharsets.UTF_8)))) {
            RunningSystem system = runner.start();
            Supervisor supervisor = runner.supervisor();
            assertLoopbackOnly(system);
            assertPostgresDemandsTheKeptPassword(system);
            Map<String, URI> readiness = Map.of(
                    SystemRunner.GATEWAY, system.gateway().resolve("/q/health/ready"),
                    SystemRunner.AGGREGATOR, system.aggregator().resolve("/health/ready"),
                    SystemRunner.WRITER, system.writer().resolve("/health/ready"),
                    SystemRunner.QUERY_API, system.queryApi().resolve("/q/health/ready"));

            TurnWorkload workload = new TurnWorkload(system.gateway(), system.credentials().ingestKey(), "supervised",
                    now.minusSeconds(30));
            try (workload) {
                for (String part : SERVICES) {
                    Thread.sleep(BETWEEN_CRASHES.toMillis());
                    Map<String, Long> others = pidsBut(supervisor, part);
                    long pid = supervisor.pid(part).orElseThrow();
                    Instant killed = Instant.now();
                    kill(pid);
                    await(part + " restarted and ready", () -> supervisor.pid(part).orElse(pid) != pid
                            && ready(readiness.get(part)));
                    downtime.put(part, Duration.between(killed, Instant.now()));
                    assertThat(supervisor.restarts(part)).as("%s restarts", part).isEqualTo(1);
                    assertThat(console.toString(StandardCharsets.UTF_8))
                            .contains(part + " (pid " + pid + ") exited with status 137; restart 1 in")
                            .contains(part + " restarted (pid " + supervisor.pid(part).orElseThrow() + "; restart 1)");
                    assertThat(pidsBut(supervisor, part)).as("the others kept running").isEqualTo(others);
                }

                // PostgreSQL: back when the gateway, the writer and the query API, which need it, are ready again.
                Thread.sleep(BETWEEN_CRASHES.toMillis());
                Map<String, Long> services = pidsBut(supervisor, "postgres");
                long postgres = postmaster(system).orElseThrow();
                Instant killed = Instant.now();
                kill(postgres);
                await("PostgreSQL restarted", () -> postmaster(system).filter(pid -> pid != postgres)
                        .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent()
                        && ready(readiness.get(SystemRunner.GATEWAY)) && ready(readiness.get(SystemRunner.WRITER))
                        && ready(readiness.get(SystemRunner.QUERY_API)));
                downtime.put("postgres", Duration.between(killed, Instant.now()));
                assertThat(supervisor.restarts("postgres")).isEqualTo(1);
                assertThat(console.toString(StandardCharsets.UTF_8)).contains("postgres (pid " + postgres + ") exited")
                        .contains("postgres restarted (pid ");
                assertThat(pidsBut(supervisor, "postgres")).as("no service restarted for it").isEqualTo(services);
                Thread.sleep(BETWEEN_CRASHES.toMillis());
            }

            Set<String> acknowledged = workload.acknowledged();
            assertThat(acknowledged).as("turns acknowledged across the crashes").hasSizeGreaterThan(200);
            awaitStored(system, acknowledged);
            Stored stored = stored(system);
            assertThat(stored.ids()).as("every acknowledged turn stored").containsAll(acknowledged);
            assertThat(workload.sent()).as("nothing stored that was not sent").containsAll(stored.ids());
            assertThat(stored.rows()).as("each stored once").isEqualTo(stored.ids().size());
            JsonNode figures = summary(system, now).path("current").path("figures");
            assertThat(figures.path("turns").asLong()).isEqualTo(stored.rows());
            assertThat(figures.path("input_tokens").asLong()).isEqualTo(stored.inputTokens());
            assertThat(figures.path("output_tokens").asLong()).isEqualTo(stored.outputTokens());
            assertThat(figures.path("cost_usd").decimalValue()).isEqualByComparingTo(stored.cost());
            if (stored.rows() == acknowledged.size()) {
                assertThat(stored.inputTokens()).isEqualTo(workload.acknowledgedInputTokens());
            }
            writeDowntime(options, downtime, workload, acknowledged.size(), stored.rows());
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
        for (URI service : new URI[] {system.gateway(), system.queryApi(), system.aggregator(), system.writer()}) {
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

    /** What PostgreSQL holds of the workload's tenant: rows, distinct ids, and the sums, recomputed in plain SQL. */
    private record Stored(long rows, Set<String> ids, long inputTokens, long outputTokens, BigDecimal cost) {
    }

    private static Stored stored(RunningSystem system) throws SQLException {
        try (Connection db = DriverManager.getConnection(system.dbUrl(), system.dbUser(), system.dbPassword());
             PreparedStatement sums = db.prepareStatement("SELECT count(*), coalesce(sum(input_tokens), 0),"
                     + " coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0) FROM turns WHERE tenant_id = ?");
             PreparedStatement ids = db.prepareStatement("SELECT event_id FROM turns WHERE tenant_id = ?")) {
            String tenant = system.credentials().tenant();
            sums.setString(1, tenant);
            ids.setString(1, tenant);
            Set<String> stored = new HashSet<>();
            try (ResultSet rows = ids.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            try (ResultSet row = sums.executeQuery()) {
                row.next();
                return new Stored(row.getLong(1), stored, row.getLong(2), row.getLong(3), row.getBigDecimal(4));
            }
        }
    }

    /** Until every acknowledged turn is stored and the summary counts as many turns as are stored. */
    private void awaitStored(RunningSystem system, Set<String> acknowledged) throws Exception {
        await(acknowledged.size() + " acknowledged turns stored and counted", () -> {
            try {
                Stored stored = stored(system);
                return stored.ids().containsAll(acknowledged) && summary(system, Instant.now().truncatedTo(
                        ChronoUnit.SECONDS)).path("current").path("figures").path("turns").asLong() == stored.rows();
            } catch (SQLException e) {
                return false;
            }
        });
    }

    /** The process ids of the services other than {@code part}. */
    private static Map<String, Long> pidsBut(Supervisor supervisor, String part) {
        Map<String, Long> pids = new TreeMap<>();
        for (String service : SERVICES) {
            if (!service.equals(part)) {
                pids.put(service, supervisor.pid(service).orElseThrow());
            }
        }
        return pids;
    }

    private boolean ready(URI health) {
        try {
            return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Each part's time from SIGKILL to ready again, and what the client saw, for the note and the docs. */
    private static void writeDowntime(UpOptions options, Map<String, Duration> downtime, TurnWorkload workload,
                                      int acknowledged, long stored) throws IOException {
        StringBuilder text = new StringBuilder();
        downtime.forEach((part, time) -> text.append(String.format(Locale.ROOT, "%-11s killed -> ready again %5.1f s%n",
                part, time.toMillis() / 1000.0)));
        text.append(String.format(Locale.ROOT, "workload: %d turns acknowledged, %d stored, %d requests,"
                + " %d batches not taken at the first try%n", acknowledged, stored, workload.attempts(),
                workload.refusedAt().size()));
        List<Duration> outages = workload.outages();
        for (int i = 0; i < outages.size(); i++) {
            text.append(String.format(Locale.ROOT, "ingest refused from %s for %.1f s%n", workload.refusedAt().get(i),
                    outages.get(i).toMillis() / 1000.0));
        }
        System.out.print(text);
        Path file = options.logDir().getParent().resolve("downtime.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
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
