package io.agentmeter.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.schema.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Watch mode's memory, a JSON file: for each file followed, its format, how far it was read and sent (byte offset
 * and line count), what identifies it (the SHA-256 of its first line, the file system's key: device and inode), and
 * its parser's state (the Codex parser's session, model and last cumulative total). Written atomically (a temporary
 * file moved over the old one) after every round whose events were delivered, so a restart resumes exactly there:
 * no line lost, none sent twice (and a line sent twice would still count once downstream).
 *
 * <pre>{"version": 1, "files": {"/home/me/.codex/sessions/.../rollout-....jsonl": {"format": "codex",
 *   "offset": 22660, "lines": 63, "first_line_sha256": "…", "file_key": "(dev=803,ino=1234)",
 *   "parser": {"session_id": "…", "last_total_tokens": 299496, …}}}}</pre>
 */
public final class WatchState {

    /** The state of one file. */
    public record Entry(Format format, Position position, String firstLineSha256, String fileKey, ObjectNode parser) {
    }

    private static final int VERSION = 1;

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    private WatchState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}, or an empty one when it does not exist yet. */
    public static WatchState load(Path file) throws IOException {
        WatchState state = new WatchState(file);
        if (!Files.exists(file)) {
            return state;
        }
        JsonNode root = Json.mapper().readTree(file.toFile());
        if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
            throw new IOException("not an agentmeter watch state file (version " + VERSION + "): " + file);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            Format format = Format.byId(value.path("format").asText(""))
                    .orElseThrow(() -> new IOException("unknown format in " + file + " for " + e.getKey()));
            state.entries.put(e.getKey(), new Entry(format,
                    new Position(value.path("offset").asLong(), value.path("lines").asLong()),
                    textOrNull(value.get("first_line_sha256")), textOrNull(value.get("file_key")),
                    value.get("parser") instanceof ObjectNode parser ? parser : Json.mapper().createObjectNode()));
        }
        return state;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    public Path file() {
        return file;
    }

    public Optional<Entry> get(Path path) {
        return Optional.ofNullable(entries.get(key(path)));
    }

    public void put(Path path, Entry entry) {
        entries.put(key(path), entry);
    }

    public void remove(Path path) {
        entries.remove(key(path));
    }

    public int size() {
        return entries.size();
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /** Writes the state: to a temporary file next to it, then moved over it atomically. */
    public void save() throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", VERSION);
        ObjectNode files = root.putObject("files");
        entries.forEach((path, entry) -> {
            ObjectNode value = files.putObject(path);
            value.put("format", entry.format().id());
            value.put("offset", entry.position().offset());
            value.put("lines", entry.position().lines());
            value.put("first_line_sha256", entry.firstLineSha256());
            value.put("file_key", entry.fileKey());
            value.set("parser", entry.parser());
        });
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
