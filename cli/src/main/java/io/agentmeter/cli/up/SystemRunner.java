package io.agentmeter.cli.up;

import io.agentmeter.localstack.LocalKafka;
import io.agentmeter.localstack.LocalPostgres;
import io.agentmeter.schema.kafka.Topic;
import io.agentmeter.schema.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs the whole system on one machine: PostgreSQL and Kafka (embedded, from Maven jars, unless external ones are
 * given), then the ingest gateway, the stream aggregator and the query API as child processes, then the demo
 * tenant and its keys. Once started, a {@link Supervisor} restarts the services and the embedded PostgreSQL when
 * they die (the embedded Kafka runs inside this JVM). {@link #close()} stops the restarts, the children (SIGTERM, a
 * bounded wait, then SIGKILL) and then the embedded servers; it may run from a shutdown hook while {@link #start()}
 * is still under way.
 *
 * <p>The services create their topics and apply the database migrations themselves at start-up (the gateway first:
 * it is started alone and checked before the others start).
 */
public final class SystemRunner implements AutoCloseable {

    /** The database the services use, created in the embedded PostgreSQL on the first run. */
    public static final String DATABASE = "agentmeter";
    public static final String GATEWAY = "gateway";
    public static final String AGGREGATOR = "aggregator";
    public static final String QUERY_API = "query-api";

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

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
        checkPortsFree();
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
            checkDatabase(dbUrl, dbUser, dbPassword);
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
            checkKafka(bootstrap);
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
        String adminSecret = adminSecret(previous);
        int gatewayPort = portOrFree(options.ports().gateway());
        URI gatewayUrl = URI.create("http://" + options.urlHost() + ":" + gatewayPort);
        int otlpGrpcPort = portOrFree(options.ports().otlpGrpc());
        URI otlpGrpcUrl = URI.create("http://" + options.urlHost() + ":" + otlpGrpcPort);
        // The query API's port is chosen now: the gateway must allow its dashboard's origin (CORS) from the start.
        int queryPort = portOrFree(options.ports().query());
        URI queryUrl = URI.create("http://" + options.urlHost() + ":" + queryPort);
        Map<String, String> gatewayEnv = new LinkedHashMap<>(connection);
        gatewayEnv.put("AGENTMETER_ADMIN_SECRET", adminSecret);
        gatewayEnv.putAll(httpAddress(gatewayPort));
        gatewayEnv.put("AGENTMETER_OTLP_GRPC_PORT", Integer.toString(otlpGrpcPort));
        gatewayEnv.putAll(unlessSet(Map.of("AGENTMETER_CORS_ORIGINS", dashboardOrigins(queryUrl))));
        progress.begin(GATEWAY);
        ServiceProcess gateway = launch(GATEWAY, artifacts.quarkusCommand(artifacts.gatewayJar(), options.javaOptions()),
                gatewayEnv, gatewayUrl.resolve("/q/health/ready"));
        gateway.awaitReady(options.timeout(), () -> closing);
        String setup = verifySetup(bootstrap, dbUrl, dbUser, dbPassword);
        progress.done(gateway.elapsedSeconds(), gatewayUrl + "  (" + setup + ")");

        // 4. The aggregator and the query API, started together.
        int aggregatorPort = portOrFree(options.ports().aggregator());
        URI aggregatorUrl = URI.create("http://" + options.urlHost() + ":" + aggregatorPort);
        Map<String, String> aggregatorEnv = new LinkedHashMap<>(connection);
        aggregatorEnv.put("AGENTMETER_HTTP_PORT", Integer.toString(aggregatorPort));
        aggregatorEnv.put("AGENTMETER_HTTP_HOST", options.bind());
        aggregatorEnv.put("AGENTMETER_STATE_DIR", dataDir.resolve("aggregator-state").toString());
        aggregatorEnv.putAll(aggregatorDefaults(dataDir));
        Map<String, String> queryEnv = new LinkedHashMap<>(connection);
        queryEnv.remove("AGENTMETER_KAFKA_BOOTSTRAP");
        queryEnv.putAll(httpAddress(queryPort));
        // The dashboard's record button starts and stops recordings at the gateway (capabilities: gateway_url).
        queryEnv.putAll(unlessSet(Map.of("AGENTMETER_GATEWAY_URL", gatewayUrl.toString())));
        queryEnv.putAll(unlessSet(Map.of("AGENTMETER_AGGREGATOR_URL", aggregatorUrl.toString()))); // health bar
        ServiceProcess aggregator = launch(AGGREGATOR, artifacts.aggregatorCommand(options.javaOptions()),
                aggregatorEnv, aggregatorUrl.resolve("/health/ready"));
        ServiceProcess queryApi = launch(QUERY_API,
                artifacts.quarkusCommand(artifacts.queryJar(), options.javaOptions()), queryEnv,
                queryUrl.resolve("/q/health/ready"));
        // Both are polled at once (each is timed from its own launch); the lines come out in a fixed order.
        CompletableFuture<Double> aggregatorReady = readyInBackground(aggregator);
        CompletableFuture<Double> queryReady = readyInBackground(queryApi);
        progress.begin(AGGREGATOR);
        progress.done(await(aggregatorReady, queryReady), aggregatorUrl + "  (streams and sink running)");
        progress.begin(QUERY_API);
        progress.done(await(queryReady, aggregatorReady), queryUrl.toString());

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
                otlpGrpcUrl, queryUrl, aggregatorUrl, demo.credentials(), demo.reused(), dataDir, logDir, dataReused);
    }

    /**
     * Settings of the aggregator that differ from its defaults, unless the environment sets them:
     * <ul>
     *   <li>{@code AGENTMETER_INSTANCE_ID}: static group membership, so a restarted aggregator takes its partitions
     *       back at once; without it Kafka Streams (which does not leave the group on close) waits out the old
     *       member's session timeout, 45 s.</li>
     * </ul>
     */
    static Map<String, String> aggregatorDefaults(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("AGENTMETER_INSTANCE_ID", "agentmeter-up-" + shortHash(dataDir.toAbsolutePath().toString()));
        return unlessSet(settings);
    }

    /**
     * The origins a browser gives the dashboard served at {@code queryUrl}: by name and by loopback address (and by
     * the address the services listen on, when that is another one).
     */
    static String dashboardOrigins(URI queryUrl) {
        String local = "http://localhost:" + queryUrl.getPort() + ",http://127.0.0.1:" + queryUrl.getPort();
        return queryUrl.getHost().equals("localhost") ? local : local + "," + queryUrl.getScheme() + "://"
                + queryUrl.getRawAuthority();
    }

    /** The settings the environment does not set already (what the user exports wins). */
    private static Map<String, String> unlessSet(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>(settings);
        out.keySet().removeIf(name -> System.getenv(name) != null && !System.getenv(name).isBlank());
        return out;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Double> readyInBackground(ServiceProcess service) {
        CompletableFuture<Double> ready = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                service.awaitReady(options.timeout(), () -> closing);
                ready.complete(service.elapsedSeconds());
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        }, "agentmeter-up-wait-" + service.name());
        waiter.setDaemon(true);
        waiter.start();
        return ready;
    }

    /** The seconds {@code wanted} took; fails as soon as either fails (a service that died is reported at once). */
    private static double await(CompletableFuture<Double> wanted, CompletableFuture<Double> other) {
        CompletableFuture<Double> otherFailed = other.handle((seconds, failure) -> failure)
                .thenCompose(failure -> failure == null ? new CompletableFuture<Double>()
                        : CompletableFuture.<Double>failedFuture(failure));
        try {
            CompletableFuture.anyOf(wanted, otherFailed).join();
            return wanted.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StartupException(String.valueOf(cause.getMessage()), cause);
        }
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

    private String adminSecret(Optional<Map<String, String>> previous) {
        String fromEnvironment = System.getenv(DemoCredentials.ADMIN_SECRET);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (fromEnvironment.strip().length() < 16) {
                throw new StartupException(DemoCredentials.ADMIN_SECRET + " must be at least 16 characters");
            }
            return fromEnvironment.strip();
        }
        return previous.map(values -> values.get(DemoCredentials.ADMIN_SECRET))
                .filter(secret -> secret.length() >= 16)
                .orElseGet(DemoCredentials::newAdminSecret);
    }

    /** What the gateway's start-up did: the schema version and the topics, checked from outside. */
    private String verifySetup(String bootstrap, String dbUrl, String user, String password) {
        String version;
        try (Connection connection = connect(dbUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history"
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            version = rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new StartupException("the gateway is up but the database schema cannot be read (" + dbUrl + "): "
                    + e.getMessage(), e);
        }
        if (version == null) {
            throw new StartupException("the gateway is up but applied no migration to " + dbUrl);
        }
        Set<String> expected = Topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> present;
        try (Admin admin = admin(bootstrap)) {
            present = admin.listTopics().names().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("the gateway is up but the topics on " + bootstrap + " cannot be listed: " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
        expected.removeAll(present);
        if (!expected.isEmpty()) {
            throw new StartupException("the gateway is up but these topics are missing on " + bootstrap + ": "
                    + expected);
        }
        return "schema v" + version + ", " + Topics.all().size() + " topics";
    }

    private static void checkDatabase(String url, String user, String password) {
        try (Connection ignored = connect(url, user, password)) {
            // reachable, and the credentials work
        } catch (SQLException e) {
            throw new StartupException("cannot connect to PostgreSQL at " + url + " as " + user + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkKafka(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            admin.describeCluster().nodes().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot reach Kafka at " + bootstrap + " within " + CHECK_TIMEOUT.toSeconds()
                    + " s" + (e instanceof TimeoutException ? " (no broker answered)" : ": " + e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(CHECK_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(url, properties);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis()));
    }

    /**
     * Where a Quarkus service listens: {@code --bind}'s address (Quarkus's own default is every interface), and the
     * port both as {@code PORT} (application.properties) and {@code QUARKUS_HTTP_PORT}, so neither wins.
     */
    private Map<String, String> httpAddress(int port) {
        return Map.of("QUARKUS_HTTP_HOST", options.bind(), "PORT", Integer.toString(port),
                "QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    /** Fails before anything starts when a fixed port is taken, naming the part and the option that moves it. */
    private void checkPortsFree() {
        Ports ports = options.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (options.kafka().isEmpty()) {
            wanted.put("kafka", ports.kafka());
        }
        if (options.dbUrl().isEmpty()) {
            wanted.put("postgres", ports.postgres());
        }
        wanted.put("gateway", ports.gateway());
        wanted.put("query", ports.query());
        wanted.put("aggregator", ports.aggregator());
        wanted.put("otlp-grpc", ports.otlpGrpc());
        List<String> taken = new ArrayList<>();
        Set<Integer> seen = new TreeSet<>();
        for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
            int port = entry.getValue();
            if (port == 0) {
                continue;
            }
            if (!seen.add(port)) {
                taken.add(entry.getKey() + " " + port + " (given twice)");
            } else if (!isFree(port)) {
                taken.add(entry.getKey() + " " + port);
            }
        }
        if (!taken.isEmpty()) {
            throw new StartupException("port(s) in use: " + String.join(", ", taken) + ". Stop what uses them, or"
                    + " move agentmeter with --ports, e.g. --ports " + taken.stream()
                    .map(t -> t.substring(0, t.indexOf(' ')) + "=0").distinct().collect(Collectors.joining(","))
                    + " (0 = any free port)");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
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

    /** The services' build output under the checkout. */
    record Artifacts(Path javaCommand, Path gatewayJar, Path queryJar, Path aggregatorClasses, Path aggregatorClasspath) {

        static Artifacts locate(Path root) {
            Path gateway = root.resolve("ingest-gateway/target/quarkus-app/quarkus-run.jar");
            Path query = root.resolve("query-api/target/quarkus-app/quarkus-run.jar");
            Path classes = root.resolve("stream-aggregator/target/classes");
            Path classpath = root.resolve("stream-aggregator/target/classpath.txt");
            List<String> missing = new ArrayList<>();
            for (Path path : List.of(gateway, query, classes, classpath)) {
                if (!Files.exists(path)) {
                    missing.add(root.relativize(path).toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new StartupException("the services are not built (missing " + String.join(", ", missing)
                        + "): run ./mvnw -B -DskipTests install in " + root + " (bin/agentmeter up does it for you)");
            }
            return new Artifacts(findJava(), gateway, query, classes, classpath);
        }

        List<String> quarkusCommand(Path jar, String javaOptions) {
            List<String> command = new ArrayList<>();
            command.add(javaCommand.toString());
            command.addAll(split(javaOptions));
            command.add("-jar");
            command.add(jar.toString());
            return command;
        }

        List<String> aggregatorCommand(String javaOptions) {
            String classpath;
            try {
                classpath = aggregatorClasses + java.io.File.pathSeparator
                        + Files.readString(aggregatorClasspath).strip();
            } catch (IOException e) {
                throw new StartupException("cannot read " + aggregatorClasspath + ": " + e.getMessage(), e);
            }
            List<String> command = new ArrayList<>();
            command.add(javaCommand.toString());
            command.addAll(split(javaOptions));
            // slf4j-simple: times on every line, Kafka's own INFO chatter left out of the log.
            command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
            command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
            command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");
            command.add("-cp");
            command.add(classpath);
            command.add("io.agentmeter.aggregator.AggregatorMain");
            return command;
        }

        /** This JVM's own java: {@code java.home}, else the command that runs this process. */
        private static Path findJava() {
            Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
            if (Files.isExecutable(fromHome)) {
                return fromHome;
            }
            return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
        }

        private static List<String> split(String options) {
            return options == null || options.isBlank() ? List.of()
                    : Arrays.asList(options.strip().split("\\s+"));
        }
    }
}
