package io.agentmeter.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port that is free right now (for the local servers, {@code up}'s services and the tests).
 *
 * <p>The servers are then configured with that explicit port (rather than port 0) so that a stopped and restarted
 * server comes back where its clients expect it.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        // Bound on every interface: free there is free on loopback too, and a service told to listen on all of them
        // (up --bind 0.0.0.0) finds it free as well.
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** Whether {@code port} can be bound on every interface now (nothing listens there). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** 0 means "any free port"; anything else is taken as given. */
    public static int orPick(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + port);
        }
        return port == 0 ? pick() : port;
    }
}
