package dev.fedbff.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One process of the local run: where its jar is built, the port it serves and whether it is a BFF. */
record Service(String name, String module, int port, boolean bff) {

    static final List<Service> ALL = List.of(
            new Service("users", "subgraphs/users", 4001, false),
            new Service("orders", "subgraphs/orders", 4002, false),
            new Service("products", "subgraphs/products", 4003, false),
            new Service("payments", "subgraphs/payments", 4004, false),
            new Service("web-bff", "web-bff", 8080, true),
            new Service("mobile-bff", "mobile-bff", 8081, true));

    private static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * The BFFs' JVM settings (README, "JVM settings"): a fixed 256 MB heap with a 160 MB young generation, so that the
     * result trees of requests in flight die young, collected by the serial collector (no GC threads); 512 KB thread
     * stacks, a 64 MB code cache and at most 64 MB of direct buffers. Peak RSS under The Guild's query at 50
     * connections: about 350 MB, well inside a 512 MB container.
     */
    static final List<String> BFF_JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-Xmn160m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");
    /** The sample backends: small heap, serial collector, C1 only (they start sooner and are not what is measured). */
    static final List<String> BACKEND_JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1");

    Service withPort(int newPort) {
        return new Service(name, module, newPort, bff);
    }

    Path jar(Path root) {
        String artifactId = Path.of(module).getFileName().toString();
        return root.resolve(module).resolve("target").resolve(artifactId + "-" + VERSION + "-exec.jar");
    }

    List<String> jvmOptions() {
        return bff ? BFF_JVM_OPTIONS : BACKEND_JVM_OPTIONS;
    }

    URI health() {
        return URI.create("http://localhost:" + port + "/actuator/health");
    }

    String graphqlUrl() {
        return "http://localhost:" + port + "/graphql";
    }

    /** GraphiQL, which the BFFs serve in the dev profile the local run starts them with. */
    String graphiqlUrl() {
        return "http://localhost:" + port + "/graphiql";
    }

    /**
     * The command-line arguments: every service gets its port; a BFF also gets the schema folder, the run's secret, the
     * dev profile and each backend's address.
     */
    List<String> arguments(Path root, String secret, List<Service> all) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
        if (!bff) {
            return arguments;
        }
        arguments.addAll(List.of(
                "--fedbff.schema.location=" + root.resolve("schema"),
                "--fedbff.auth.hs256-secret=" + secret,
                "--spring.profiles.active=dev"));
        all.stream().filter(service -> !service.bff())
                .forEach(backend -> arguments.add("--fedbff.services." + backend.name() + "=http://localhost:" + backend.port()));
        return arguments;
    }
}
