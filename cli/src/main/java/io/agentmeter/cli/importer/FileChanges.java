package io.agentmeter.cli.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Wakes the watcher when a file under its roots is created or written: the JDK's {@link WatchService} on every
 * directory under the roots (a file root: its directory). On Linux that is inotify, so a line appended to a followed
 * file is seen within milliseconds; where the JDK only polls (its fallback implementation), or when no watch service
 * can be opened, the watcher's own poll interval still applies, so nothing is missed either way, only later.
 */
final class FileChanges implements AutoCloseable {

    /** The longest single wait, so a stop request is noticed quickly. */
    private static final long SLICE_MILLIS = 100;

    private final WatchService service;
    private final Map<Path, WatchKey> watched = new HashMap<>();

    private FileChanges(WatchService service) {
        this.service = service;
    }

    /** A watch on the default file system, or one that only waits when the file system offers none. */
    static FileChanges open() {
        try {
            return new FileChanges(FileSystems.getDefault().newWatchService());
        } catch (IOException | UnsupportedOperationException e) {
            return new FileChanges(null);
        }
    }

    /** Whether changes are notified at all (else {@link #await} only waits). */
    boolean notifies() {
        return service != null;
    }

    /** Watches every directory under {@code roots} not watched yet (new ones appear as agents start sessions). */
    void watch(List<Path> roots) {
        if (service == null) {
            return;
        }
        watched.entrySet().removeIf(entry -> !entry.getValue().isValid());
        for (Path root : roots) {
            Path path = root.toAbsolutePath().normalize();
            if (Files.isRegularFile(path)) {
                register(path.getParent());
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isDirectory).forEach(this::register);
                } catch (IOException | UncheckedIOException e) {
                    // A directory removed while walking: the next round walks again.
                }
            }
        }
    }

    private void register(Path directory) {
        if (directory == null || watched.containsKey(directory)) {
            return;
        }
        try {
            watched.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | ClosedWatchServiceException e) {
            // Gone, or not watchable: the poll interval covers it.
        }
    }

    /**
     * Waits until a watched directory reports a change, {@code max} has passed, or {@code stop} says so.
     *
     * @return whether a change was reported
     */
    boolean await(Duration max, BooleanSupplier stop) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        while (!stop.getAsBoolean()) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long slice = Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
            if (service == null) {
                Thread.sleep(slice);
                continue;
            }
            WatchKey key;
            try {
                key = service.poll(slice, TimeUnit.MILLISECONDS);
            } catch (ClosedWatchServiceException e) {
                return false;
            }
            if (key != null) {
                drain(key);
                return true;
            }
        }
        return false;
    }

    /** Empties every pending key, so one burst of writes wakes one round. */
    private void drain(WatchKey first) {
        WatchKey key = first;
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = service.poll();
        }
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // Closing only releases inotify watches.
            }
        }
    }
}
