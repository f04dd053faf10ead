package io.agentmeter.cli.up;

import io.agentmeter.cli.args.Args;
import io.agentmeter.cli.args.UsageException;
import io.agentmeter.schema.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code agentmeter up} runs and where.
 *
 * @param root        the project checkout: the services' build output is found under it
 * @param dataDir     Kafka's log, PostgreSQL's cluster, the aggregator's state and the demo keys; kept between runs
 * @param logDir      one log file per service
 * @param ports       see {@link Ports}
 * @param kafka       an external Kafka's bootstrap servers; empty: start the embedded broker
 * @param dbUrl       an external PostgreSQL's JDBC URL; empty: start the embedded PostgreSQL
 * @param dbUser      user of the external PostgreSQL
 * @param dbPassword  password of the external PostgreSQL
 * @param tenant      the demo tenant created (or reused) at start
 * @param timeout     how long each part may take to become ready
 * @param javaOptions JVM options of the three service processes
 * @param bind        the address the three services listen on: {@value #DEFAULT_BIND} (this machine only) unless
 *                    {@code --bind} says otherwise (e.g. 0.0.0.0, every interface)
 */
public record UpOptions(Path root, Path dataDir, Path logDir, Ports ports, Optional<String> kafka,
                        Optional<String> dbUrl, String dbUser, String dbPassword, String tenant, Duration timeout,
                        String javaOptions, String bind) {

    public static final String DEFAULT_TENANT = "demo";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_JAVA_OPTIONS = "-Xmx512m -XX:+ExitOnOutOfMemoryError";
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Where {@code bin/agentmeter} says the checkout is. */
    public static final String ROOT_PROPERTY = "agentmeter.root";
    /** Extra JVM options of the service processes. */
    public static final String ENV_JAVA_OPTIONS = "AGENTMETER_JAVA_OPTS";

    static final Set<String> OPTIONS = Set.of("data-dir", "log-dir", "ports", "kafka", "db-url", "db-user",
            "db-password", "tenant", "timeout", "root", "bind");
    static final Set<String> FLAGS = Set.of();
    /** An IPv4 or IPv6 address or a host name: nothing that could smuggle anything else into a setting. */
    private static final java.util.regex.Pattern BIND_ADDRESS = java.util.regex.Pattern.compile("[A-Za-z0-9.:%-]{1,253}");

    public static final String USAGE = """
            usage: agentmeter up [options]

              Runs the whole system on this machine, with only Java 17: an embedded Kafka broker (KRaft) and
              PostgreSQL 17, then the ingest gateway, the stream aggregator, the writer and the query API as child
              processes.
              Creates (or reuses) a demo tenant with an ingest key and a query key and prints them with the URLs.
              A part that dies is restarted (after 1 s, doubling up to 30 s) while the others keep serving.
              Ctrl-C stops everything; the next run reuses the data.

              --data-dir DIR        Kafka, PostgreSQL, aggregator state and the demo keys (default .agentmeter/data)
              --log-dir DIR         one log file per service (default .agentmeter/logs)
              --ports name=N,...    kafka=9092, postgres=54329, gateway=8080, query=8081, aggregator=8082,
                                    writer=8083, otlp-grpc=4317 by default; 0 = any free port;
                                    e.g. --ports gateway=18080,query=18081
              --kafka BOOTSTRAP     use this Kafka instead of starting one (e.g. broker1:9092)
              --db-url URL          use this PostgreSQL instead of starting one (jdbc:postgresql://host:5432/agentmeter)
              --db-user U           its user (default postgres)
              --db-password P       its password (default postgres)
              --tenant T            the demo tenant (default demo)
              --timeout D           how long each part may take to start (default 120s)
              --bind ADDR           the address the gateway (admin API included), the query API and the
                                    aggregator listen on (default 127.0.0.1: this machine only; 0.0.0.0: every
                                    interface). Kafka and PostgreSQL always stay on this machine
              --root DIR            the agentmeter checkout whose build output runs (default: found from the
                                    working directory; bin/agentmeter passes it)

              Environment: AGENTMETER_ADMIN_SECRET (else one is generated and kept with the demo keys),
              AGENTMETER_JAVA_OPTS (JVM options of the services; default "%s").
              The embedded PostgreSQL demands a password, generated on the first run and kept with the demo keys
              (AGENTMETER_DB_PASSWORD in <data dir>/demo.env).
            """.formatted(DEFAULT_JAVA_OPTIONS);

    /** The options of a run over {@code root} with every default (data and logs under {@code root/.agentmeter}). */
    public static UpOptions defaults(Path root) {
        Path home = root.resolve(".agentmeter");
        return new UpOptions(root, home.resolve("data"), home.resolve("logs"), Ports.DEFAULTS, Optional.empty(),
                Optional.empty(), "postgres", "postgres", DEFAULT_TENANT, DEFAULT_TIMEOUT, DEFAULT_JAVA_OPTIONS,
                DEFAULT_BIND);
    }

    public static UpOptions parse(String[] argv, Map<String, String> env) throws UsageException {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        if (!args.positional().isEmpty()) {
            throw new UsageException("up takes no arguments, got " + args.positional());
        }
        Path root = args.value("root") != null ? Path.of(args.value("root")) : findRoot();
        UpOptions options = defaults(root.toAbsolutePath().normalize());
        Path dataDir = args.value("data-dir") != null ? Path.of(args.value("data-dir")) : options.dataDir();
        Path logDir = args.value("log-dir") != null ? Path.of(args.value("log-dir"))
                : args.value("data-dir") != null ? dataDir.toAbsolutePath().normalize().resolveSibling("logs")
                : options.logDir();
        Ports ports = options.ports();
        for (String spec : args.values("ports")) {
            ports = ports.with(spec);
        }
        Optional<String> kafka = Optional.ofNullable(args.value("kafka")).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> dbUrl = Optional.ofNullable(args.value("db-url")).map(String::strip).filter(s -> !s.isEmpty());
        if (dbUrl.isPresent() && !dbUrl.get().startsWith("jdbc:postgresql:")) {
            throw new UsageException("--db-url must be a PostgreSQL JDBC URL like"
                    + " jdbc:postgresql://localhost:5432/agentmeter, got " + dbUrl.get());
        }
        if (dbUrl.isEmpty() && (args.value("db-user") != null || args.value("db-password") != null)) {
            throw new UsageException("--db-user and --db-password go with --db-url");
        }
        String tenant = args.value("tenant", DEFAULT_TENANT);
        if (!TenantId.isValid(tenant)) {
            throw new UsageException("--tenant must be 1 to 64 letters, digits, '.', '_' or '-', got " + tenant);
        }
        Duration timeout = args.durationValue("timeout", DEFAULT_TIMEOUT);
        if (timeout.toMillis() < 1000) {
            throw new UsageException("--timeout must be at least 1s, got " + args.value("timeout"));
        }
        String javaOptions = Optional.ofNullable(env.get(ENV_JAVA_OPTIONS)).filter(s -> !s.isBlank())
                .orElse(DEFAULT_JAVA_OPTIONS);
        String bind = args.value("bind", DEFAULT_BIND).strip();
        if (!BIND_ADDRESS.matcher(bind).matches()) {
            throw new UsageException("--bind takes an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0, got "
                    + bind);
        }
        return new UpOptions(options.root(), dataDir.toAbsolutePath().normalize(), logDir.toAbsolutePath().normalize(),
                ports, kafka, dbUrl, args.value("db-user", "postgres"), args.value("db-password", "postgres"), tenant,
                timeout, javaOptions, bind);
    }

    /**
     * The host in the URLs {@code up} prints and uses: {@code localhost} when the services listen on the loopback
     * address or on every interface, else the address they listen on.
     */
    public String urlHost() {
        return switch (bind) {
            case "127.0.0.1", "localhost", "0.0.0.0", "::", "::1" -> "localhost";
            default -> bind.contains(":") ? "[" + bind + "]" : bind;
        };
    }

    public UpOptions withBind(String bind) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withDataDir(Path dataDir) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withLogDir(Path logDir) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withPorts(Ports ports) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withTimeout(Duration timeout) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withJavaOptions(String javaOptions) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, dbUrl, dbUser, dbPassword, tenant, timeout,
                javaOptions, bind);
    }

    public UpOptions withExternalKafka(String bootstrap) {
        return new UpOptions(root, dataDir, logDir, ports, Optional.of(bootstrap), dbUrl, dbUser, dbPassword, tenant,
                timeout, javaOptions, bind);
    }

    public UpOptions withExternalDb(String url, String user, String password) {
        return new UpOptions(root, dataDir, logDir, ports, kafka, Optional.of(url), user, password, tenant, timeout,
                javaOptions, bind);
    }

    /**
     * The checkout: {@value #ROOT_PROPERTY} when set (bin/agentmeter sets it), else the nearest directory at or above
     * the working directory that holds the service modules.
     */
    static Path findRoot() throws UsageException {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ingest-gateway/pom.xml"))
                    && Files.isRegularFile(dir.resolve("stream-aggregator/pom.xml"))) {
                return dir;
            }
        }
        throw new UsageException("cannot find the agentmeter checkout from " + Path.of("").toAbsolutePath()
                + ": run bin/agentmeter up, or pass --root DIR");
    }
}
