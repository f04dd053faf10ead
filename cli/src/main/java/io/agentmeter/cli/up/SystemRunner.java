package io.agentmeter.cli.up;

import io.agentmeter.localstack.FreePorts;
import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs the whole system on one machine: PostgreSQL and Kafka (embedded, from Maven jars, unless external ones are
 * given), then the ingest gateway, the stream aggregator, the writer and the query API as child processes, then the demo
 * tenant and its keys. Once started, a {@link Supervisor} restarts the services and the embedded PostgreSQL when
 * they die (the embedded Kafka runs inside this JVM). {@link #close()} stops the restarts, the children (SIGTERM, a
 * bounded wait, then SIGKILL) and then the embedded servers; it may run from a shutdown hook while {@link #start()}
 * is still under way.
 *
 * <p>The services create their topics and apply the database migrations themselves at start-up (the gateway first:
 * it is started alone and checked before the others start).
 *
 * <p>This class keeps the order of the start and the parts it started; the jobs around it have classes of their own:
 * the build output ({@link Artifacts}), the ports ({@link PortAllocation}), the checks of Kafka and PostgreSQL
 * ({@link StackChecks}), the services' settings ({@link ServiceSettings}), one process each
 * ({@link ServiceProcess}), waiting for them ({@link ReadinessWait}), restarts ({@link Supervisor}) and what is
 * printed ({@link Progress}, {@link Banner}).
 */
public final class SystemRunner implements AutoCloseable {

    /** The database the services use, created in the embedded PostgreSQL on the first run. */
    public static final String DATABASE = "agentmeter";
    public static final String GATEWAY = "gateway";
    public static final String AGGREGATOR = "aggregator";
    public static final String WRITER = "writer";
    public static final String QUERY_API = "query-api";

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final UpOptions options;
    private final Progress progress;
    /** The current process of each service, in start order (a restart replaces its entry). */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final PidFile pids;
    private final Supervisor supervisor;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private DataDirLock lock;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private volatile boolean closing;
    private boolean closed;

    public SystemRunner(UpOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.pids = new PidFile(options.dataDir(), progress);
        this.supervisor = new Supervisor(line -> progress.note("agentmeter up: " + line));
    }

    /** Starts everything and returns once every part answers; on any failure stops what started, then throws. */
    public RunningSystem start() {
        try {
            RunningSystem system = startAll();
            supervise();
            return system;
        } catch (RuntimeException e) {
            progress.failed();
            close();
            if (e instanceof StartupException) {
                throw e;
            }
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private RunningSystem startAll() {
        Path dataDir = options.dataDir();
        Path logDir = options.logDir();
        createDirectories(dataDir);
        createDirectories(logDir);
        synchronized (this) {
            ensureOpen();
            lock = DataDirLock.acquire(dataDir);
        }
        pids.stopLeftovers();
        Artifacts artifacts = Artifacts.locate(options.root());
        PortAllocation.checkFree(options);
        boolean dataReused = Files.isDirectory(dataDir.resolve("kafka")) || Files.isDirectory(dataDir.resolve("postgres"));

        // 1. PostgreSQL
        String dbUrl;
        String dbUser;
        String dbPassword;
        Optional<Map<String, String>> previous = DemoCredentials.read(dataDir);
        progress.begin("postgres");
        long started = System.nanoTime();
        if (options.dbUrl().isPresent()) {
            dbUrl = options.dbUrl().get();
            dbUser = options.dbUser();
            dbPassword = options.dbPassword();
            StackChecks.checkDatabase(dbUrl, dbUser, dbPassword);
            progress.done(seconds(started), dbUrl + "  (external)");
        } else {
            String password = DemoCredentials.embeddedDbPassword(dataDir, previous,
                    LocalPostgres.requiresPassword(dataDir.resolve("postgres")));
            synchronized (this) {
                ensureOpen();
                postgres = LocalPostgres.builder().dataDirectory(dataDir.resolve("postgres"))
                        .port(options.ports().postgres()).password(password).start();
                postgres.serverProcess().ifPresent(postmaster -> pids.record(PidFile.POSTGRES, postmaster.pid()));
            }
            postgres.createDatabase(DATABASE);
            dbUrl = postgres.jdbcUrl(DATABASE);
            dbUser = postgres.username();
            dbPassword = postgres.password();
            progress.done(seconds(started), dbUrl);
        }

        // 2. Kafka
        String bootstrap;
        progress.begin("kafka");
        started = System.nanoTime();
        if (options.kafka().isPresent()) {
            bootstrap = options.kafka().get();
            StackChecks.checkKafka(bootstrap);
            progress.done(seconds(started), bootstrap + "  (external)");
        } else {
            synchronized (this) {
                ensureOpen();
                kafka = LocalKafka.builder().logDirectory(dataDir.resolve("kafka")).port(options.ports().kafka())
                        .start();
            }
            bootstrap = kafka.bootstrapServers();
            progress.done(seconds(started), bootstrap);
        }

        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("AGENTMETER_KAFKA_BOOTSTRAP", bootstrap);
        connection.put("AGENTMETER_DB_URL", dbUrl);
        connection.put("AGENTMETER_DB_USER", dbUser);
        connection.put("AGENTMETER_DB_PASSWORD", dbPassword);

        // 3. The gateway, alone: it applies the migrations and creates the topics.
        String adminSecret = ServiceSettings.adminSecret(previous);
        int gatewayPort = FreePorts.orPick(options.ports().gateway());
        URI gatewayUrl = URI.create("http://" + options.urlHost() + ":" + gatewayPort);
        int otlpGrpcPort = FreePorts.orPick(options.ports().otlpGrpc());
        URI otlpGrpcUrl = URI.create("http://" + options.urlHost() + ":" + otlpGrpcPort);
        // The query API's port is chosen now: the gateway must allow its dashboard's origin (CORS) from the start.
        int queryPort = FreePorts.orPick(options.ports().query());
        URI queryUrl = URI.create("http://" + options.urlHost() + ":" + queryPort);
        Map<String, String> gatewayEnv = new LinkedHashMap<>(connection);
        gatewayEnv.put("AGENTMETER_ADMIN_SECRET", adminSecret);
        gatewayEnv.putAll(ServiceSettings.httpAddress(options.bind(), gatewayPort));
        gatewayEnv.put("AGENTMETER_OTLP_GRPC_PORT", Integer.toString(otlpGrpcPort));
        gatewayEnv.putAll(ServiceSettings.unlessSet(Map.of("AGENTMETER_CORS_ORIGINS", ServiceSettings.dashboardOrigins(queryUrl))));
        progress.begin(GATEWAY);
        ServiceProcess gateway = launch(GATEWAY, artifacts.quarkusCommand(artifacts.gatewayJar(), options.javaOptions()),
                gatewayEnv, gatewayUrl.resolve("/q/health/ready"));
        gateway.awaitReady(options.timeout(), () -> closing);
        String setup = StackChecks.verifySetup(bootstrap, dbUrl, dbUser, dbPassword);
        progress.done(gateway.elapsedSeconds(), gatewayUrl + "  (" + setup + ")");

        // 4. The aggregator, the writer and the query API, started together.
        int aggregatorPort = FreePorts.orPick(options.ports().aggregator());
        URI aggregatorUrl = URI.create("http://" + options.urlHost() + ":" + aggregatorPort);
        Map<String, String> aggregatorEnv = new LinkedHashMap<>(connection);
        aggregatorEnv.keySet().removeIf(name -> name.startsWith("AGENTMETER_DB_")); // Kafka only
        aggregatorEnv.put("AGENTMETER_HTTP_PORT", Integer.toString(aggregatorPort));
        aggregatorEnv.put("AGENTMETER_HTTP_HOST", options.bind());
        aggregatorEnv.put("AGENTMETER_STATE_DIR", dataDir.resolve("aggregator-state").toString());
        aggregatorEnv.putAll(ServiceSettings.instanceDefaults(dataDir));
        int writerPort = FreePorts.orPick(options.ports().writer());
        URI writerUrl = URI.create("http://" + options.urlHost() + ":" + writerPort);
        Map<String, String> writerEnv = new LinkedHashMap<>(connection);
        writerEnv.put("AGENTMETER_HTTP_PORT", Integer.toString(writerPort));
        writerEnv.put("AGENTMETER_HTTP_HOST", options.bind());
        writerEnv.putAll(ServiceSettings.instanceDefaults(dataDir));
        Map<String, String> queryEnv = new LinkedHashMap<>(connection);
        queryEnv.remove("AGENTMETER_KAFKA_BOOTSTRAP");
        queryEnv.putAll(ServiceSettings.httpAddress(options.bind(), queryPort));
        // The dashboard's record button starts and stops recordings at the gateway (capabilities: gateway_url).
        queryEnv.putAll(ServiceSettings.unlessSet(Map.of("AGENTMETER_GATEWAY_URL", gatewayUrl.toString())));
        // The dashboard's health bar asks the aggregator and the writer.
        queryEnv.putAll(ServiceSettings.unlessSet(Map.of("AGENTMETER_AGGREGATOR_URL", aggregatorUrl.toString(),
                "AGENTMETER_WRITER_URL", writerUrl.toString())));
        ServiceProcess aggregator = launch(AGGREGATOR, artifacts.aggregatorCommand(options.javaOptions()),
                aggregatorEnv, aggregatorUrl.resolve("/health/ready"));
        ServiceProcess writer = launch(WRITER, artifacts.writerCommand(options.javaOptions()),
                writerEnv, writerUrl.resolve("/health/ready"));
        ServiceProcess queryApi = launch(QUERY_API,
                artifacts.quarkusCommand(artifacts.queryJar(), options.javaOptions()), queryEnv,
                queryUrl.resolve("/q/health/ready"));
        // All are polled at once (each is timed from its own launch); the lines come out in a fixed order.
        CompletableFuture<Double> aggregatorReady = ReadinessWait.inBackground(aggregator, options.timeout(), () -> closing);
        CompletableFuture<Double> writerReady = ReadinessWait.inBackground(writer, options.timeout(), () -> closing);
        CompletableFuture<Double> queryReady = ReadinessWait.inBackground(queryApi, options.timeout(), () -> closing);
        progress.begin(AGGREGATOR);
        progress.done(ReadinessWait.await(aggregatorReady, writerReady, queryReady),
                aggregatorUrl + "  (streams running)");
        progress.begin(WRITER);
        progress.done(ReadinessWait.await(writerReady, aggregatorReady, queryReady), writerUrl + "  (sinks running)");
        progress.begin(QUERY_API);
        progress.done(ReadinessWait.await(queryReady, aggregatorReady, writerReady), queryUrl.toString());

        // 5. The demo tenant and its keys.
        progress.begin("demo tenant");
        started = System.nanoTime();
        DemoTenant.Result demo = DemoTenant.ensure(new AdminClient(gatewayUrl, adminSecret), options.tenant(),
                adminSecret, previous);
        // With an external PostgreSQL, the embedded one's password stays on record for a later run without --db-url.
        demo.credentials().write(dataDir, gatewayUrl.toString(), queryUrl.toString(), postgres != null ? dbPassword
                : previous.map(values -> values.get(DemoCredentials.DB_PASSWORD)).orElse(null));
        progress.done(seconds(started), "\"" + options.tenant() + "\"  (" + (demo.reused() ? "keys reused" : "new keys")
                + ", kept in " + DemoCredentials.file(dataDir) + ")");
        ensureOpen();
        return new RunningSystem(bootstrap, kafka != null, dbUrl, dbUser, dbPassword, postgres != null, gatewayUrl,
                otlpGrpcUrl, queryUrl, aggregatorUrl, writerUrl, demo.credentials(), demo.reused(), dataDir, logDir, dataReused);
    }

    /** Blocks until {@link #close()} has stopped everything: parts that die meanwhile are restarted. */
    public void awaitStopped() throws InterruptedException {
        try {
            stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    /** The current process of each service started so far, in start order. */
    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** Restarts of the parts that died, and their current processes. */
    public Supervisor supervisor() {
        return supervisor;
    }

    public boolean isClosing() {
        return closing;
    }

    /** Stops the services (all at once: SIGTERM, then SIGKILL after 30 s), then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        closing = true;
        if (closed) {
            return;
        }
        closed = true;
        // First, so that the exits the stop causes are not restarted.
        supervisor.close();
        List<ServiceProcess> running = services.values().stream().filter(ServiceProcess::isAlive).toList();
        running.forEach(ServiceProcess::signalStop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ServiceProcess service : running) {
            if (!service.awaitStopped(Duration.ofNanos(deadline - System.nanoTime()))) {
                progress.note(service.name() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s and was killed");
            }
        }
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (RuntimeException e) {
            progress.note("Kafka did not stop cleanly: " + e.getMessage());
        } finally {
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } catch (RuntimeException e) {
                progress.note("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        pids.delete();
        if (lock != null) {
            lock.close();
        }
        stopped.complete(null);
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    private synchronized ServiceProcess launch(String name, List<String> command, Map<String, String> environment,
                                               URI readiness) {
        ensureOpen();
        return track(ServiceProcess.launch(name, command, environment, options.dataDir(),
                options.logDir().resolve(name + ".log"), readiness));
    }

    private ServiceProcess track(ServiceProcess service) {
        services.put(service.name(), service);
        pids.record(service.name(), service.pid());
        return service;
    }

    /**
     * Hands the running parts to the supervisor. A service comes back as the same command with the same settings
     * (ports included); PostgreSQL over the same data on the same port. The embedded Kafka is not a process of its
     * own (it runs inside this JVM), so it cannot die alone.
     */
    private synchronized void supervise() {
        for (ServiceProcess service : services.values()) {
            supervisor.supervise(service.name(), Supervisor.Run.of(service), () -> {
                synchronized (this) {
                    ensureOpen();
                    return Supervisor.Run.of(track(services.get(service.name()).relaunch()));
                }
            });
        }
        if (postgres != null) {
            postgres.serverProcess().ifPresent(postmaster -> supervisor.supervise(PidFile.POSTGRES,
                    Supervisor.Run.of(postmaster), this::restartPostgres));
        }
    }

    /** Not under this runner's lock: it takes seconds, and {@link #close()} must not wait for it to begin. */
    private Supervisor.Run restartPostgres() {
        ensureOpen();
        postgres.restart();
        ProcessHandle postmaster = postgres.serverProcess()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL restarted but wrote no postmaster.pid"));
        pids.record(PidFile.POSTGRES, postmaster.pid());
        return Supervisor.Run.of(postmaster);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private synchronized void ensureOpen() {
        if (closing) {
            throw new StartupException("stopped while starting");
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StartupException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
