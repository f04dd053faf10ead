package io.agentmeter.cli.up;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The settings {@code up} gives the services beyond the connection: addresses, origins, instance ids, secrets. */
final class ServiceSettings {

    private ServiceSettings() {
    }

    /**
     * Settings of the aggregator and the writer that differ from their defaults, unless the environment sets them:
     * <ul>
     *   <li>{@code AGENTMETER_INSTANCE_ID}: static group membership, so a restarted aggregator (or writer) takes its
     *       partitions back at once; without it Kafka Streams (which does not leave the group on close) waits out
     *       the old member's session timeout, 45 s. The writer's sinks add {@code -sink-N} to it, in their own
     *       group.</li>
     * </ul>
     */
    static Map<String, String> instanceDefaults(Path dataDir) {
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
    static Map<String, String> unlessSet(Map<String, String> settings) {
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

    /**
     * Where a Quarkus service listens: {@code --bind}'s address (Quarkus's own default is every interface), and the
     * port both as {@code PORT} (application.properties) and {@code QUARKUS_HTTP_PORT}, so neither wins.
     */
    static Map<String, String> httpAddress(String bind, int port) {
        return Map.of("QUARKUS_HTTP_HOST", bind, "PORT", Integer.toString(port),
                "QUARKUS_HTTP_PORT", Integer.toString(port));
    }

    /** The admin secret: the environment's (16 characters at least), else the kept one, else a new one. */
    static String adminSecret(Optional<Map<String, String>> previous) {
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
}
