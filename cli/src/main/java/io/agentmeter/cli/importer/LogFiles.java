package io.agentmeter.cli.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The files an import reads: each file named, and every {@code *.jsonl} / {@code *.ndjson} under each directory. */
public final class LogFiles {

    private LogFiles() {
    }

    /**
     * The files under {@code roots}, each once, sorted by path.
     *
     * @throws NoSuchFileException when a root does not exist
     */
    public static List<Path> list(List<Path> roots) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (Path root : roots) {
            Path path = root.toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(LogFiles::isLogName).forEach(files::add);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            } else {
                throw new NoSuchFileException(root.toString(), null, "no such file or directory");
            }
        }
        return new ArrayList<>(files);
    }

    static boolean isLogName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }
}
