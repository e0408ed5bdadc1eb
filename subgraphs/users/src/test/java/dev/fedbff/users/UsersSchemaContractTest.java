package dev.fedbff.users;

import dev.fedbff.kit.testing.SchemaContractTest;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersSchemaContractTest extends SchemaContractTest {

    UsersSchemaContractTest() {
        super("users.graphqls",
                List.of(
                        "Schema @link[import: [\"@key\", \"@shareable\", \"@tag\", \"@listSize\"], url: \"https://specs.apollo.dev/federation/v2.9\"]",
                        "ObjectType User @key[fields: \"id\", resolvable: true]",
                        "ObjectType Query.users(after: String, first: Int = 20): UserConnection! @listSize[requireOneSlicingArgument: false, "
                                + "sizedFields: [\"edges\"], slicingArguments: [\"first\"]] @tag[name: \"web-only\"]"),
                List.of(
                        edit("email: String!", "email: String"),
                        edit("  name: String!\n", ""),
                        edit("federation/v2.9", "federation/v2.8")));
    }
}
