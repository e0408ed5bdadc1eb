package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRunTest {

    @Test
    void rootDefaultsToTheCurrentDirectoryWithLogsInDotLocalRun() {
        LocalRun.Options options = LocalRun.Options.parse(new String[0]);

        assertThat(options.root()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(options.logDir()).isEqualTo(Path.of("").toAbsolutePath().resolve(".local-run"));
        assertThat(options.freePorts()).isFalse();
        assertThat(options.startupTimeout()).isEqualTo(java.time.Duration.ofSeconds(180));
    }

    @Test
    void rootArgumentIsMadeAbsolute() {
        LocalRun.Options options = LocalRun.Options.parse(new String[] {"--root=some/../repo", "--free-ports", "--log-dir=/tmp/logs", "--startup-timeout=600"});

        assertThat(options.root()).isEqualTo(Path.of("repo").toAbsolutePath());
        assertThat(options.logDir()).isEqualTo(Path.of("/tmp/logs"));
        assertThat(options.freePorts()).isTrue();
        assertThat(options.startupTimeout()).isEqualTo(java.time.Duration.ofSeconds(600));
    }

    @Test
    void bffsGetTheSchemaFolderSecretAndEveryBackendsAddressWhileBackendsGetOnlyTheirPort() {
        Path root = Path.of("/repo");
        Service webBff = Service.ALL.get(4);

        assertThat(webBff.arguments(root, "s3cret", Service.ALL)).containsExactly("--server.port=8080",
                "--fedbff.schema.location=/repo/schema", "--fedbff.auth.hs256-secret=s3cret", "--spring.profiles.active=dev",
                "--fedbff.services.users=http://localhost:4001", "--fedbff.services.orders=http://localhost:4002",
                "--fedbff.services.products=http://localhost:4003", "--fedbff.services.payments=http://localhost:4004");
        assertThat(Service.ALL.get(0).arguments(root, "s3cret", Service.ALL)).containsExactly("--server.port=4001");
    }

    @Test
    void bffsRunWithTheDocumentedJvmSettingsAndBackendsWithSmallerOnes() {
        assertThat(Service.ALL.get(4).jvmOptions()).containsExactly("-Xms256m", "-Xmx256m", "-Xmn160m", "-XX:+UseSerialGC", "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m");
        assertThat(Service.ALL.get(5).jvmOptions()).isEqualTo(Service.ALL.get(4).jvmOptions());
        assertThat(Service.ALL.get(0).jvmOptions()).contains("-Xmx192m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void freePortsAreDistinctAndKeepEachServicesRole() {
        List<Service> services = LocalRun.withFreePorts(Service.ALL);

        assertThat(services).extracting(Service::name).containsExactly("users", "orders", "products", "payments", "web-bff", "mobile-bff");
        assertThat(services).extracting(Service::port).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isPositive());
        assertThat(services).extracting(Service::bff).containsExactly(false, false, false, false, true, true);
    }

    @Test
    void curlQuotesHeadersAndBodyForBash() {
        String curl = LocalRun.curl(Service.ALL.get(4), "a.b.c");

        assertThat(curl)
                .startsWith("curl -s http://localhost:8080/graphql -H 'Content-Type: application/json'")
                .contains(" -H 'Authorization: Bearer a.b.c' -d '{\"query\":\"query Profile { me { id name ")
                .endsWith("payment { status method } } } }\"}'");
        assertThat(curl.chars().filter(c -> c == '\'').count()).isEqualTo(6);
    }
}
