package dev.fedbff.orders;

import dev.fedbff.kit.testing.SchemaContractTest;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersSchemaContractTest extends SchemaContractTest {

    OrdersSchemaContractTest() {
        super("orders.graphqls",
                List.of(
                        "Schema @link[import: [\"@key\", \"@listSize\"], url: \"https://specs.apollo.dev/federation/v2.9\"]",
                        "ObjectType Product @key[fields: \"id\", resolvable: false]",
                        "ObjectType User.orders(first: Int = 10): [Order!]! @listSize[requireOneSlicingArgument: false, slicingArguments: [\"first\"]]",
                        "EnumType OrderStatus.CANCELLED",
                        "InputObjectType OrderItemInput.quantity: Int!"),
                List.of(
                        edit("total: Int!", "total: String!"),
                        edit("  CANCELLED\n", ""),
                        edit("federation/v2.9", "federation/v2.8")));
    }
}
