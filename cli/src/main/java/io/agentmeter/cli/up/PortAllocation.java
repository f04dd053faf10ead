package io.agentmeter.cli.up;

import io.agentmeter.localstack.FreePorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The ports {@code up} takes, checked free before anything starts (0, any free one, is {@link FreePorts#orPick}). */
final class PortAllocation {

    private PortAllocation() {
    }

    /** Fails before anything starts when a fixed port is taken, naming the part and the option that moves it. */
    static void checkFree(UpOptions options) {
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
        wanted.put("writer", ports.writer());
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
            } else if (!FreePorts.isFree(port)) {
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
}
