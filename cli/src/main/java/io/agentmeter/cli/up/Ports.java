package io.agentmeter.cli.up;

import io.agentmeter.cli.args.UsageException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ports of everything {@code up} runs. 0 means "any free port, chosen at start" (what the end-to-end test uses).
 *
 * @param kafka      the embedded broker's client port on 127.0.0.1 (unused with an external Kafka)
 * @param postgres   the embedded PostgreSQL's port on localhost (unused with an external PostgreSQL)
 * @param gateway    the ingest gateway's HTTP port
 * @param query      the query API's HTTP port
 * @param aggregator the stream aggregator's HTTP port (health and metrics)
 * @param writer     the writer's HTTP port (health and metrics)
 * @param otlpGrpc   the ingest gateway's OTLP/gRPC port (4317, the port OTLP exporters use for gRPC by default)
 */
public record Ports(int kafka, int postgres, int gateway, int query, int aggregator, int writer, int otlpGrpc) {

    public static final Ports DEFAULTS = new Ports(9092, 54329, 8080, 8081, 8082, 8083, 4317);
    /** Every port chosen at start. */
    public static final Ports FREE = new Ports(0, 0, 0, 0, 0, 0, 0);

    static final String NAMES = "kafka, postgres, gateway, query, aggregator, writer, otlp-grpc";

    public Ports {
        for (int port : new int[] {kafka, postgres, gateway, query, aggregator, writer, otlpGrpc}) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port must be 0 to 65535, got " + port);
            }
        }
    }

    /**
     * Applies {@code name=port[,name=port...]} on top of these ports, e.g. {@code gateway=18080,query=18081}.
     * Names: kafka, postgres (pg), gateway, query (query-api), aggregator, writer, otlp-grpc (grpc).
     */
    public Ports with(String spec) throws UsageException {
        Map<String, Integer> values = new LinkedHashMap<>(asMap());
        for (String part : spec.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--ports takes name=port pairs (" + NAMES + "), got \"" + item + "\"");
            }
            String name = canonical(item.substring(0, equals).strip().toLowerCase(Locale.ROOT));
            if (name == null) {
                throw new UsageException("--ports: unknown name \"" + item.substring(0, equals).strip()
                        + "\"; use " + NAMES);
            }
            String text = item.substring(equals + 1).strip();
            int port;
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new UsageException("--ports: " + name + " needs a port number, got \"" + text + "\"");
            }
            if (port < 0 || port > 65_535) {
                throw new UsageException("--ports: " + name + " must be 0 (any free port) to 65535, got " + port);
            }
            values.put(name, port);
        }
        return new Ports(values.get("kafka"), values.get("postgres"), values.get("gateway"), values.get("query"),
                values.get("aggregator"), values.get("writer"), values.get("otlp-grpc"));
    }

    /** The ports by name, in a fixed order. */
    public Map<String, Integer> asMap() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("kafka", kafka);
        map.put("postgres", postgres);
        map.put("gateway", gateway);
        map.put("query", query);
        map.put("aggregator", aggregator);
        map.put("writer", writer);
        map.put("otlp-grpc", otlpGrpc);
        return map;
    }

    private static String canonical(String name) {
        return switch (name) {
            case "kafka" -> "kafka";
            case "postgres", "postgresql", "pg" -> "postgres";
            case "gateway", "ingest", "ingest-gateway" -> "gateway";
            case "query", "query-api" -> "query";
            case "aggregator", "stream-aggregator" -> "aggregator";
            case "writer", "postgres-writer" -> "writer";
            case "otlp-grpc", "otlp", "grpc" -> "otlp-grpc";
            default -> null;
        };
    }
}
