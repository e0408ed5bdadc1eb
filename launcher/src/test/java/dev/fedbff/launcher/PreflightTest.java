package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path root;

    @Test
    void namesTheFirstMissingJarAndTellsToRunTheScript() {
        assertThat(Preflight.missingJar(root, Service.ALL)).hasValue(
                "Missing subgraphs/users/target/users-0.1.0-SNAPSHOT-exec.jar (users):"
                        + " run ./run.sh, which builds first.");
    }

    @Test
    void namesTheOnlyJarStillMissing() throws IOException {
        for (Service service : Service.ALL.subList(0, 5)) {
            Files.createDirectories(service.jar(root).getParent());
            Files.createFile(service.jar(root));
        }

        assertThat(Preflight.missingJar(root, Service.ALL)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Missing mobile-bff/target/mobile-bff-0.1.0-SNAPSHOT-exec.jar (mobile-bff)")
                .endsWith("run ./run.sh, which builds first."));
    }

    @Test
    void acceptsAFullSetOfJars() throws IOException {
        for (Service service : Service.ALL) {
            Files.createDirectories(service.jar(root).getParent());
            Files.createFile(service.jar(root));
        }

        assertThat(Preflight.missingJar(root, Service.ALL)).isEmpty();
    }

    @Test
    void namesTheBusyPortAndItsService() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Service service = new Service("orders", "subgraphs/orders", taken.getLocalPort(), false);

            assertThat(Preflight.busyPort(List.of(service))).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("Port " + taken.getLocalPort() + " (orders) is already in use"));
        }
    }
}
