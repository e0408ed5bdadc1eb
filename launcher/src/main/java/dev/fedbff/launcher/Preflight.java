package dev.fedbff.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Checks made before anything is started; each returns the one line to print when it fails. */
final class Preflight {

    private Preflight() {
    }

    static Optional<String> missingJar(Path root, List<Service> services) {
        return services.stream()
                .filter(service -> !Files.isRegularFile(service.jar(root)))
                .findFirst()
                .map(service -> "Missing " + root.relativize(service.jar(root)) + " (" + service.name()
                        + "): run ./run.sh, which builds first.");
    }

    static Optional<String> busyPort(List<Service> services) {
        return services.stream()
                .filter(service -> !isFree(service.port()))
                .findFirst()
                .map(service -> "Port " + service.port() + " (" + service.name()
                        + ") is already in use: stop whatever holds it and try again.");
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
