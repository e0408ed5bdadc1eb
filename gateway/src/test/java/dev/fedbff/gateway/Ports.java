package dev.fedbff.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for tests. */
public final class Ports {

    private Ports() {
    }

    /** A port on 127.0.0.1 nothing listens on: it was free a moment ago, and connections to it are refused. */
    public static int closed() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
