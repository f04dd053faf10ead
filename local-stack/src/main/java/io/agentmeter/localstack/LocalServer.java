package io.agentmeter.localstack;

import java.nio.file.Path;

/**
 * The life cycle both local servers share: a data directory and a port fixed when the instance is built, so that
 * {@link #stop()} then {@link #restart()} brings the same data back on the same address; an ephemeral instance
 * (temporary directory) deletes its data on {@link #close()}.
 *
 * @param <S> the running server's handle
 */
abstract class LocalServer<S> implements AutoCloseable {

    /** Builds the instance over its directory and port (not started yet). */
    @FunctionalInterface
    interface Factory<T extends LocalServer<?>> {
        T create(Path directory, boolean ephemeral, int port);
    }

    private final Path directory;
    private final boolean ephemeral;
    private final int port;
    private S server;
    private boolean closed;

    LocalServer(Path directory, boolean ephemeral, int port) {
        this.directory = directory;
        this.ephemeral = ephemeral;
        this.port = port;
    }

    /**
     * Starts an instance over {@code directory} (null: a new temporary one, deleted on close) on {@code port} (0: a
     * free port chosen now); an instance that fails to start is closed before the failure is rethrown.
     */
    static <T extends LocalServer<?>> T start(Path directory, String tempPrefix, int port, Factory<T> factory) {
        boolean ephemeral = directory == null;
        T instance = factory.create(ephemeral ? Directories.createTemp(tempPrefix) : directory, ephemeral,
                FreePorts.orPick(port));
        try {
            instance.restart();
            return instance;
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /** Starts the server over {@link #directory()} on {@link #port()}; returns once it accepts clients. */
    abstract S startServer();

    /** Shuts a running server down. */
    abstract void shutDown(S server);

    final Path directory() {
        return directory;
    }

    final boolean ephemeral() {
        return ephemeral;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the server down and keeps its data and port for {@link #restart()}. Does nothing if already stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        S stopping = server;
        server = null;
        shutDown(stopping);
    }

    /** Starts the server again over the same data on the same port, stopping it first if it is running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        server = startServer();
    }

    /** Stops the server and, for an ephemeral one, deletes its data. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (ephemeral) {
                Directories.deleteRecursively(directory);
            }
        }
    }
}
