package dev.fedbff.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersSchemaContractTest {

    private static final Path CONTRACT = Path.of("../../schema/users.graphqls");

    @LocalServerPort
    int port;

    @Test
    void servedSdlMatchesTheContractFile() throws IOException {
        String served = new GraphQlHttp(port).post("{ _service { sdl } }").at("/data/_service/sdl").asString();

        assertThat(SdlContract.facts(served)).containsExactlyElementsOf(SdlContract.facts(Files.readString(CONTRACT)));
    }

    @Test
    void normaliserSeesARealDifference() throws IOException {
        String contract = Files.readString(CONTRACT);

        assertThat(SdlContract.facts(contract)).contains(
                "Schema @link[import: [\"@key\", \"@shareable\"], url: \"https://specs.apollo.dev/federation/v2.9\"]",
                "ObjectType User @key[fields: \"id\", resolvable: true]",
                "ObjectType Query.users(after: String, first: Int = 20): UserConnection!");

        assertThat(SdlContract.facts(contract.replace("email: String!", "email: String")))
                .isNotEqualTo(SdlContract.facts(contract));
        assertThat(SdlContract.facts(contract.replace("  name: String!\n", "")))
                .isNotEqualTo(SdlContract.facts(contract));
        assertThat(SdlContract.facts(contract.replace("federation/v2.9", "federation/v2.8")))
                .isNotEqualTo(SdlContract.facts(contract));
    }
}
