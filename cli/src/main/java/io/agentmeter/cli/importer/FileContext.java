package io.agentmeter.cli.importer;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What a parser knows about the file it reads.
 *
 * @param path         the file
 * @param modifiedAt   its last-modified time when reading started: the time of lines that carry none
 */
public record FileContext(Path path, Instant modifiedAt) {

    /** The file name. */
    public String name() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** The file name without {@code .jsonl}, {@code .ndjson} or {@code .json}: a session id for files that have none. */
    public String baseName() {
        String name = name();
        for (String ext : new String[] {".jsonl", ".ndjson", ".json"}) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
