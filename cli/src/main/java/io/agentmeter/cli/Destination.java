package io.agentmeter.cli;

import io.agentmeter.cli.args.Args;
import io.agentmeter.cli.args.UsageException;
import io.agentmeter.cli.send.DryRunSink;
import io.agentmeter.cli.send.EventSink;
import io.agentmeter.cli.send.GatewayClient;
import io.agentmeter.cli.send.HttpSink;
import io.agentmeter.cli.send.KafkaSink;
import io.agentmeter.cli.send.RetryPolicy;
import io.agentmeter.schema.TenantId;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where {@code import} and {@code demo} send events, from the command line and the environment: the ingest gateway
 * (default), Kafka ({@code --kafka BOOTSTRAP --tenant T}) or standard output ({@code --dry-run}).
 */
final class Destination implements AutoCloseable {

    static final String ENV_URL = "AGENTMETER_INGEST_URL";
    static final String ENV_KEY = "AGENTMETER_INGEST_KEY";
    static final String DEFAULT_URL = "http://localhost:8080";
    static final int DEFAULT_MAX_ATTEMPTS = 8;

    static final Set<String> OPTIONS = Set.of("url", "key", "kafka", "tenant", "kafka-config", "max-retries");
    static final Set<String> FLAGS = Set.of("dry-run");

    static final String HELP = """
              --url URL           ingest gateway base URL (default $AGENTMETER_INGEST_URL, else http://localhost:8080)
              --key KEY           ingest API key (default $AGENTMETER_INGEST_KEY)
              --max-retries N     tries of one request on 429/503/network errors, honouring Retry-After (default 8)
              --kafka BOOTSTRAP   send straight to Kafka's agent-turns topic instead (idempotent, acks=all)
              --tenant T          the tenant of the events, with --kafka
              --kafka-config k=v  extra producer setting, repeatable (e.g. security.protocol=SSL)
              --dry-run           print the events as NDJSON on standard output and send nothing
            """;

    private final EventSink sink;
    private final GatewayClient gateway;
    private final String id;

    private Destination(EventSink sink, GatewayClient gateway, String id) {
        this.sink = sink;
        this.gateway = gateway;
        this.id = id;
    }

    static Destination from(Args args, Map<String, String> env, PrintStream out) throws UsageException {
        boolean dryRun = args.flag("dry-run");
        String kafka = args.value("kafka");
        if (dryRun && kafka != null) {
            throw new UsageException("--dry-run and --kafka exclude each other");
        }
        if (dryRun) {
            return new Destination(new DryRunSink(out), null, "dry-run");
        }
        if (kafka != null) {
            String tenant = args.value("tenant");
            if (tenant == null) {
                throw new UsageException("--kafka needs --tenant (direct producers set the tenant themselves)");
            }
            if (!TenantId.isValid(tenant)) {
                throw new UsageException("--tenant must be 1 to 64 letters, digits, '.', '_' or '-', got " + tenant);
            }
            Map<String, Object> extra = new HashMap<>(args.pairs("kafka-config"));
            return new Destination(new KafkaSink(kafka, tenant, extra), null, "kafka|" + kafka + "|" + tenant);
        }
        if (args.value("tenant") != null) {
            throw new UsageException("--tenant goes with --kafka; over HTTP the gateway takes the tenant from the key");
        }
        String url = args.value("url", env.getOrDefault(ENV_URL, DEFAULT_URL));
        String key = args.value("key", env.get(ENV_KEY));
        if (key == null || key.isBlank()) {
            throw new UsageException("no ingest key: pass --key or set " + ENV_KEY
                    + " (or use --kafka, or --dry-run to only print the events)");
        }
        URI base;
        try {
            base = new URI(url.strip());
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw new URISyntaxException(url, "not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new UsageException("--url must be an http(s) URL like " + DEFAULT_URL + ", got " + url);
        }
        int attempts = args.intValue("max-retries", DEFAULT_MAX_ATTEMPTS, 1, 1000);
        GatewayClient gateway = new GatewayClient(base, key.strip(), RetryPolicy.standard(attempts));
        return new Destination(new HttpSink(gateway), gateway, "http|" + gateway.base());
    }

    EventSink sink() {
        return sink;
    }

    /** The gateway, when events go over HTTP; null for Kafka and dry runs. */
    GatewayClient gateway() {
        return gateway;
    }

    /** Identifies the destination (for the default watch state file name); never the key. */
    String id() {
        return id;
    }

    @Override
    public void close() {
        sink.close();
    }
}
