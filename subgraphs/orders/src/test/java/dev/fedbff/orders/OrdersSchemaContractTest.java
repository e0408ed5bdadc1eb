package dev.fedbff.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersSchemaContractTest {

    private static final Path CONTRACT = Path.of("../../schema/orders.graphqls");

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
                "Schema @link[import: [\"@key\"], url: \"https://specs.apollo.dev/federation/v2.9\"]",
                "ObjectType Product @key[fields: \"id\", resolvable: false]",
                "ObjectType User.orders(first: Int = 10): [Order!]!",
                "EnumType OrderStatus.CANCELLED",
                "InputObjectType OrderItemInput.quantity: Int!");

        assertThat(SdlContract.facts(contract.replace("total: Int!", "total: String!")))
                .isNotEqualTo(SdlContract.facts(contract));
        assertThat(SdlContract.facts(contract.replace("  CANCELLED\n", "")))
                .isNotEqualTo(SdlContract.facts(contract));
        assertThat(SdlContract.facts(contract.replace("federation/v2.9", "federation/v2.8")))
                .isNotEqualTo(SdlContract.facts(contract));
    }
}
