package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunTest {

    @Test
    void rootDefaultsToTheCurrentDirectory() {
        assertThat(LocalRun.rootFrom(new String[0])).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void rootArgumentIsMadeAbsolute() {
        assertThat(LocalRun.rootFrom(new String[] {"--root=some/../repo"}))
                .isEqualTo(Path.of("repo").toAbsolutePath());
    }

    @Test
    void bffsGetTheSchemaFolderAndSecretWhileBackendsGetNoArguments() {
        Path root = Path.of("/repo");
        Service webBff = Service.ALL.get(4);

        assertThat(webBff.arguments(root, "s3cret"))
                .containsExactly("--fedbff.schema.location=/repo/schema", "--fedbff.auth.hs256-secret=s3cret", "--spring.profiles.active=dev");
        assertThat(Service.ALL.get(0).arguments(root, "s3cret")).isEmpty();
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
