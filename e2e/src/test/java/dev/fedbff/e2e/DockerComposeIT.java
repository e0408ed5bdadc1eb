package dev.fedbff.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} runs what the README's table says: the same services, published ports and settings,
 * images built from the one {@code Dockerfile} without host mounts, and health checks that need nothing but the JRE.
 * Where Debian's {@code docker-compose} is installed, {@code docker-compose config -q} accepts the file.
 */
class DockerComposeIT {

    static final Path COMPOSE = JavaProcess.ROOT.resolve("docker-compose.yml");
    static final Pattern ROW = Pattern.compile("^\\| ([a-z0-9-]+(?:, [a-z0-9-]+)*) \\| `([^`]+)` \\|\\s*(\\d*)\\s*\\|\\s*(.*?)\\s*\\|$", Pattern.MULTILINE);

    /** One row of the README's table, per service it names. */
    record Documented(String service, String builtFrom, String port, List<String> settings) {
    }

    @Test
    void theComposeFileRunsWhatTheReadmeDocuments() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Documented> documented = documented();

        assertThat(new TreeSet<>(services.keySet())).isEqualTo(new TreeSet<>(documented.keySet()));
        for (Documented row : documented.values()) {
            Map<String, Object> service = services.get(row.service());
            assertThat(ports(service)).as(row.service() + " ports").isEqualTo(row.port().isEmpty() ? List.of() : List.of(row.port() + ":" + row.port()));
            if (row.builtFrom().contains(":")) {
                assertThat(service.get("image")).as(row.service() + " image").isEqualTo(row.builtFrom());
            } else {
                Map<?, ?> build = (Map<?, ?>) service.get("build");
                assertThat(build).as(row.service() + " is built from the Dockerfile").isNotNull();
                assertThat(((Map<?, ?>) build.get("args")).get("MODULE")).as(row.service() + " MODULE").isEqualTo(row.builtFrom());
                assertThat(JavaProcess.ROOT.resolve(row.builtFrom()).resolve("pom.xml")).exists();
            }
            for (String setting : row.settings()) {
                assertThat(has(service, setting)).as(row.service() + " has " + setting).isTrue();
            }
            assertThat(service).as(row.service() + " mounts nothing from the host").doesNotContainKey("volumes");
            String health = String.valueOf(((Map<?, ?>) service.get("healthcheck")).get("test"));
            assertThat(health).as(row.service() + " health check").doesNotContain("wget").doesNotContain("curl");
        }
        assertThat(Files.readString(JavaProcess.ROOT.resolve("Dockerfile"))).contains("FROM eclipse-temurin:17-jdk AS build", "COPY --from=build",
                "/app/launcher.jar");
    }

    @Test
    void theHealthCheckCommandNeedsOnlyTheJre() throws IOException, InterruptedException {
        LocalSystem system = LocalSystem.shared();
        Path launcher = JavaProcess.ROOT.resolve("launcher/target/launcher-" + System.getProperty("fedbff.version", "0.1.0-SNAPSHOT") + ".jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String health = "http://127.0.0.1:" + system.bff("web-bff").port() + "/actuator/health/readiness";

        Process up = new ProcessBuilder(java, "-cp", launcher.toString(), "dev.fedbff.launcher.HealthProbe", health).inheritIO().start();
        Process down = new ProcessBuilder(java, "-cp", launcher.toString(), "dev.fedbff.launcher.HealthProbe", "http://127.0.0.1:" + JavaProcess.freePort() + "/actuator/health")
                .redirectErrorStream(true).start();

        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(up.exitValue()).isZero();
        assertThat(down.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(down.exitValue()).isEqualTo(1);
    }

    @Test
    void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("docker-compose"), "skipped: docker-compose is not installed (Debian's docker-compose package; .ci/run installs it)");

        Process config = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
                .directory(JavaProcess.ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(config.getInputStream().readAllBytes());

        assertThat(config.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(output).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, Documented> documented() throws IOException {
        String readme = Files.readString(JavaProcess.ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Running at scale: docker-compose.yml"));
        Map<String, Documented> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            List<String> settings = new ArrayList<>();
            Matcher setting = Pattern.compile("`([^`]+)`").matcher(row.group(4));
            while (setting.find()) {
                settings.add(setting.group(1));
            }
            for (String service : row.group(1).split(", ")) {
                rows.put(service, new Documented(service, row.group(2), row.group(3), settings));
            }
        }
        assertThat(rows).as("services in the README's docker-compose table").hasSizeGreaterThan(10);
        return rows;
    }

    private static List<String> ports(Map<String, Object> service) {
        Object ports = service.get("ports");
        return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
    }

    /** {@code KEY=value} in the environment, or {@code --key=value} among the arguments. */
    private static boolean has(Map<String, Object> service, String setting) {
        if (setting.startsWith("--")) {
            Object command = service.get("command");
            return command instanceof List<?> arguments && arguments.contains(setting);
        }
        String[] pair = setting.split("=", 2);
        Object environment = service.get("environment");
        return environment instanceof Map<?, ?> variables && pair[1].equals(String.valueOf(variables.get(pair[0])));
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
    }
}
