package io.agentmeter.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo tenant's clear keys, the admin secret and the embedded PostgreSQL's password, kept in {@value #FILE_NAME}
 * in the data directory (mode 0600) because the gateway stores only the keys' hashes: the next {@code up} prints the
 * same keys and starts PostgreSQL with the same password, and {@code bin/agentmeter demo|import} read the ingest URL
 * and key from it. The file is {@code KEY=value} lines a shell can {@code source} (every value is URL-safe: no
 * quoting needed).
 *
 * @param ingestKeyId null until the key was created
 * @param queryKeyId  null until the key was created
 */
public record DemoCredentials(String tenant, String adminSecret, String ingestKey, String ingestKeyId,
                              String queryKey, String queryKeyId) {

    public static final String FILE_NAME = "demo.env";
    private static final String[] HEADER = {
            "# Written by agentmeter up: the demo tenant's keys and the secrets, in clear. Keep this file private (mode 0600).",
            "# bin/agentmeter demo and bin/agentmeter import read the ingest URL and key from here."};

    public static final String TENANT = "AGENTMETER_TENANT";
    public static final String ADMIN_SECRET = "AGENTMETER_ADMIN_SECRET";
    public static final String INGEST_URL = "AGENTMETER_INGEST_URL";
    public static final String INGEST_KEY = "AGENTMETER_INGEST_KEY";
    public static final String INGEST_KEY_ID = "AGENTMETER_INGEST_KEY_ID";
    public static final String QUERY_URL = "AGENTMETER_QUERY_URL";
    public static final String QUERY_KEY = "AGENTMETER_QUERY_KEY";
    public static final String QUERY_KEY_ID = "AGENTMETER_QUERY_KEY_ID";
    /** The short names the README's examples use after {@code source .agentmeter/data/demo.env}. */
    public static final String SHELL_INGEST_KEY = "INGEST_KEY";
    public static final String SHELL_QUERY_KEY = "QUERY_KEY";
    /** The embedded PostgreSQL's password (user postgres); absent with an external PostgreSQL. */
    public static final String DB_PASSWORD = "AGENTMETER_DB_PASSWORD";

    /** At least the 16 characters the gateway demands; 256 random bits. */
    public static String newAdminSecret() {
        return newSecret("am_admin_");
    }

    /** 256 random bits in letters, digits, '_' and '-': safe in a URL, a shell and an SQL literal. */
    public static String newDbPassword() {
        return newSecret("am_db_");
    }

    private static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The embedded PostgreSQL's password: the one kept by an earlier run, else a new one, written to the file at once
     * (before the cluster that will demand it is created, so a start that fails later cannot lose it).
     *
     * @param clusterDemandsOne the cluster exists and demands a password already (then it must be on record)
     */
    static String embeddedDbPassword(Path dataDir, Optional<Map<String, String>> previous, boolean clusterDemandsOne) {
        Optional<String> kept = previous.map(values -> values.get(DB_PASSWORD)).filter(p -> !p.isBlank());
        if (kept.isPresent()) {
            return kept.get();
        }
        if (clusterDemandsOne) {
            throw new StartupException("the embedded PostgreSQL in " + dataDir.resolve("postgres") + " demands the"
                    + " password that " + file(dataDir) + " kept as " + DB_PASSWORD + ", and that line is gone:"
                    + " put it back, or delete " + dataDir.resolve("postgres") + " to start with an empty database");
        }
        String password = newDbPassword();
        Map<String, String> values = new LinkedHashMap<>(previous.orElse(Map.of()));
        values.put(DB_PASSWORD, password);
        List<String> lines = new ArrayList<>(List.of(HEADER));
        values.forEach((name, value) -> lines.add(name + "=" + value));
        writeFile(dataDir, lines);
        return password;
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** What an earlier run left, or empty when there is no file. */
    public static Optional<Map<String, String>> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.startsWith("#") || equals <= 0) {
                    continue;
                }
                values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
            return Optional.of(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public DemoCredentials withAdminSecret(String secret) {
        return new DemoCredentials(tenant, secret, ingestKey, ingestKeyId, queryKey, queryKeyId);
    }

    public DemoCredentials withIngestKey(String key, String keyId) {
        return new DemoCredentials(tenant, adminSecret, key, keyId, queryKey, queryKeyId);
    }

    public DemoCredentials withQueryKey(String key, String keyId) {
        return new DemoCredentials(tenant, adminSecret, ingestKey, ingestKeyId, key, keyId);
    }

    /**
     * Writes the file, readable by its owner only.
     *
     * @param dbPassword the embedded PostgreSQL's password; null with an external one
     */
    public void write(Path dataDir, String ingestUrl, String queryUrl, String dbPassword) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(
                TENANT + "=" + tenant,
                ADMIN_SECRET + "=" + adminSecret,
                INGEST_URL + "=" + ingestUrl,
                INGEST_KEY + "=" + ingestKey,
                INGEST_KEY_ID + "=" + ingestKeyId,
                QUERY_URL + "=" + queryUrl,
                QUERY_KEY + "=" + queryKey,
                QUERY_KEY_ID + "=" + queryKeyId,
                "# The same keys under the names the README's examples use: source this file, then paste them.",
                SHELL_INGEST_KEY + "=" + ingestKey,
                SHELL_QUERY_KEY + "=" + queryKey));
        if (dbPassword != null) {
            lines.add(DB_PASSWORD + "=" + dbPassword);
        }
        writeFile(dataDir, lines);
    }

    /** Writes the file atomically, readable by its owner only (where the file system has POSIX permissions). */
    private static void writeFile(Path dataDir, List<String> lines) {
        Path file = file(dataDir);
        String content = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        try {
            Files.createDirectories(dataDir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path temporary = posix
                    ? Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        // Never the secrets themselves, should this land in a log.
        return "DemoCredentials[tenant=" + tenant + ", ingestKeyId=" + ingestKeyId + ", queryKeyId=" + queryKeyId + "]";
    }
}
