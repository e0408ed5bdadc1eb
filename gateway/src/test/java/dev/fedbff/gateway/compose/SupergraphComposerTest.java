package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.SchemaFixtures;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What a user sees when the gateway composes their subgraph schemas: the public schema when they compose, and
 * otherwise every problem, each with its rule, file and line.
 */
class SupergraphComposerTest {

    private static final String CONNECT_HEADER = """
            extend schema
              @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])
              @link(url: "https://specs.apollo.dev/connect/v0.2", import: ["@source", "@connect"])
              @source(name: "products", http: { baseURL: "http://products" })
            """;

    private final SupergraphComposer composer = new SupergraphComposer();

    @Test
    void composesTheRepositorySchemasIntoOnePublicSchema() {
        Supergraph supergraph = SchemaFixtures.supergraph();
        GraphQLSchema schema = supergraph.schema();

        assertThat(schema.getQueryType().getFieldDefinition("me")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("product")).isNotNull();
        assertThat(schema.getMutationType().getFieldDefinition("placeOrder")).isNotNull();
        GraphQLObjectType product = schema.getObjectType("Product");
        assertThat(GraphQLTypeUtil.simplePrint(product.getFieldDefinition("price").getType())).isEqualTo("Int!");
        assertThat(product.getFieldDefinition("name")).isNotNull();
        assertThat(schema.getObjectType("Order").getFieldDefinition("payment")).isNotNull();
        assertThat(schema.getObjectType("User").getFieldDefinition("orders")).isNotNull();
        assertThat(schema.getQueryType().getFieldDefinition("_entities")).isNull();
        assertThat(schema.getQueryType().getFieldDefinition("_service")).isNull();
        assertThat(schema.getType("_Any")).isNull();
        assertThat(supergraph.subgraphs()).extracting(Subgraph::name)
                .containsExactlyInAnyOrder("orders", "payments", "products", "users");
    }

    @Test
    void knowsWhichSubgraphResolvesEachField() {
        Supergraph supergraph = SchemaFixtures.supergraph();

        assertThat(supergraph.resolvers("Query", "me")).containsExactly("users");
        assertThat(supergraph.resolvers("Order", "payment")).containsExactly("payments");
        assertThat(supergraph.resolvers("Product", "price")).containsExactly("products");
        assertThat(supergraph.key("orders", "Product")).as("orders declares Product resolvable: false").isNull();
        assertThat(supergraph.subgraph("products").entityConnectors().get("Product").batched()).isTrue();
    }

    @Test
    void theSameFilesGiveTheSameVersionAndOtherFilesAnother() {
        List<SchemaFile> files = SchemaFixtures.files(SchemaFixtures.SCHEMA_DIR);
        String version = composer.compose(files).version();

        assertThat(composer.compose(files).version()).isEqualTo(version);
        List<SchemaFile> changed = files.stream()
                .map(f -> new SchemaFile(f.path(), f.text() + "\n# a comment\n")).toList();
        assertThat(composer.compose(changed).version()).isNotEqualTo(version);
    }

    /** The acceptance case: a @key naming a field the type lacks fails start-up with one line naming file, line and rule. */
    @Test
    void aKeyNamingAMissingFieldIsReportedInOneLineWithFileLineAndRule() {
        SchemaFile orders = new SchemaFile("schema/orders.graphqls", """
                type Query {
                  order(id: ID!): Order
                }

                type Order @key(fields: "sku") {
                  id: ID!
                }
                """);

        CompositionException failure = catchThrowableOfType(CompositionException.class, () -> composer.compose(List.of(orders)));

        assertThat(failure.errors()).hasSize(1);
        assertThat(failure.errors().get(0)).hasToString("schema/orders.graphqls:5:12: KEY_INVALID_FIELDS: @key(fields: \"sku\") "
                + "on Order names field \"sku\", which Order does not define in this subgraph");
        assertThat(failure.getMessage()).isEqualTo(failure.errors().get(0).toString()).doesNotContain("\n");
    }

    static Stream<Arguments> brokenSubgraphs() {
        return Stream.of(
                arguments("a @key naming a missing field", List.of(file("orders", """
                        type Query { order(id: ID!): Order }
                        type Order @key(fields: "id sku") {
                          id: ID!
                        }
                        """)), "KEY_INVALID_FIELDS", "schema/orders.graphqls", 2, "names field \"sku\""),
                arguments("a @key naming a missing nested field", List.of(file("orders", """
                        type Query { order(id: ID!): Order }
                        type Order @key(fields: "id owner { ref }") {
                          id: ID!
                          owner: Owner!
                        }
                        type Owner { id: ID! }
                        """)), "KEY_INVALID_FIELDS", "schema/orders.graphqls", 2, "names field \"owner.ref\""),
                arguments("a @key without fields", List.of(file("orders", """
                        type Query { order(id: ID!): Order }

                        type Order @key {
                          id: ID!
                        }
                        """)), "KEY_INVALID_FIELDS", "schema/orders.graphqls", 3, "needs a fields argument"),
                arguments("a syntax error", List.of(file("orders", """
                        type Query { order: Int }
                        """), file("users", """
                        type Query {
                          me: User
                        }

                        type User {
                          id: ID!
                          name String
                        }
                        """)), "INVALID_GRAPHQL", "schema/users.graphqls", 7, "syntax error"),
                arguments("a syntax error in the only file is reported once", List.of(file("users", """
                        type Query {
                          me: User
                        """)), "INVALID_GRAPHQL", "schema/users.graphqls", 3, "syntax error"),
                arguments("a reference to an undefined type", List.of(file("users", """
                        type Query {
                          me: Usr
                        }
                        """)), "INVALID_GRAPHQL", "schema/users.graphqls", 2, "Query.me has type Usr, which this subgraph does not define"),
                arguments("one field with two types", List.of(file("users", """
                        type Query { me: User }
                        type User @key(fields: "id") {
                          id: ID!
                        }
                        """), file("orders", """
                        type Query { order: Int }
                        type User @key(fields: "id") {
                          id: String!
                        }
                        """)), "FIELD_TYPE_MISMATCH", "schema/orders.graphqls", 3,
                        "User.id has type String! here but ID! in schema/users.graphqls"),
                arguments("one field resolved by two Federation 2 subgraphs without @shareable", List.of(file("users", """
                        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                        type Query { me: User }
                        type User @key(fields: "id") {
                          id: ID!
                          name: String!
                        }
                        """), file("orders", """
                        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                        type Query { order: Int }
                        type User @key(fields: "id") {
                          id: ID!
                          name: String!
                        }
                        """)), "INVALID_FIELD_SHARING", "schema/orders.graphqls", 5,
                        "User.name is resolved here and in schema/users.graphqls but is not marked @shareable in both"),
                arguments("one root field in two Federation 2 subgraphs", List.of(file("users", """
                        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                        type Query { me: String }
                        """), file("orders", """
                        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
                        type Query {
                          me: String
                        }
                        """)), "INVALID_FIELD_SHARING", "schema/orders.graphqls", 3, "Query.me is resolved here and in schema/users.graphqls"),
                arguments("one type name with two kinds", List.of(file("orders", """
                        type Query { order: Status }
                        enum Status { OPEN CLOSED }
                        """), file("payments", """
                        type Query { payment: Status }

                        type Status {
                          open: Boolean
                        }
                        """)), "TYPE_KIND_MISMATCH", "schema/payments.graphqls", 3,
                        "Status is an object type here but an enum in schema/orders.graphqls"),
                arguments("@connect naming an undefined source", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "catalogue", http: { GET: "/products/{$args.id}" }, selection: "id")
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_SOURCE_NOT_FOUND", "schema/products.graphqls", 8,
                        "names source \"catalogue\", which no @source in this file defines"),
                arguments("a selection mapping a field the type lacks", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id title")
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_SELECTED_FIELD_NOT_FOUND", "schema/products.graphqls", 8,
                        "maps \"title\", which Product does not define"),
                arguments("a nested selection mapping a field the type lacks", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          page: Page
                            @connect(source: "products", http: { GET: "/products" }, selection: "items { id sku }")
                        }
                        type Page { items: [Product!]! }
                        type Product { id: ID! }
                        """)), "CONNECTORS_SELECTED_FIELD_NOT_FOUND", "schema/products.graphqls", 8,
                        "maps \"sku\", which Product does not define"),
                arguments("a selection that does not parse", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id { name")
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_INVALID_SELECTION", "schema/products.graphqls", 8, "missing '}'"),
                arguments("@connect without a selection", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" })
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_INVALID_SELECTION", "schema/products.graphqls", 8, "needs a selection"),
                arguments("$args naming no argument of the field", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.productId}" }, selection: "id")
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_UNDEFINED_ARGUMENT", "schema/products.graphqls", 8,
                        "$args.productId in @connect on Query.product names no argument of Query.product"),
                arguments("a root field of a REST subgraph without @connect", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id")
                          featured: Product
                        }
                        type Product { id: ID! }
                        """)), "CONNECTORS_UNRESOLVED_FIELD", "schema/products.graphqls", 9,
                        "Query.featured has no @connect, so no backend can resolve it"),
                arguments("an entity @connect reading neither $batch nor $this", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id")
                        }
                        type Product @key(fields: "id")
                          @connect(source: "products", http: { GET: "/products" }, selection: "id") {
                          id: ID!
                        }
                        """)), "CONNECTORS_ENTITY_RESOLVER", "schema/products.graphqls", 11, "must read the entity through $batch or $this"),
                arguments("an entity @connect on a type without @key", List.of(file("products", CONNECT_HEADER + """

                        type Query {
                          product(id: ID!): Product
                            @connect(source: "products", http: { GET: "/products/{$args.id}" }, selection: "id")
                        }
                        type Product
                          @connect(source: "products", http: { GET: "/products?ids={$batch.id->join(',')}" }, selection: "id") {
                          id: ID!
                        }
                        """)), "CONNECTORS_ENTITY_RESOLVER", "schema/products.graphqls", 11, "needs a @key on the type"),
                arguments("no schema files at all", List.of(), "NO_SUBGRAPHS", "schema/", 0, "no subgraph schema files"),
                arguments("no Query type anywhere", List.of(file("orders", """
                        type Order { id: ID! }
                        """)), "NO_QUERIES", "schema/orders.graphqls", 1, "no subgraph defines a Query type"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("brokenSubgraphs")
    void reportsTheRuleFileAndLineOfTheProblem(String name, List<SchemaFile> files, String code, String file, int line, String message) {
        CompositionException failure = catchThrowableOfType(CompositionException.class, () -> composer.compose(files));

        assertThat(failure).as("composition must fail").isNotNull();
        assertThat(failure.errors()).hasSize(1);
        CompositionError error = failure.errors().get(0);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.message()).contains(message);
        assertThat(failure.getMessage()).startsWith(file + ":" + line + ":").contains(": " + code + ": ");
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() {
        List<SchemaFile> files = List.of(file("orders", """
                type Query { order(id: ID!): Order }
                type Order @key(fields: "sku") {
                  id: ID!
                }
                """), file("payments", """
                type Query {
                  payment: Paymnt
                }
                """), file("users", """
                type Query {
                  me: User
                }
                type User {
                  id ID!
                }
                """), file("products", CONNECT_HEADER + """
                type Query {
                  product(id: ID!): Product
                    @connect(source: "products", http: { GET: "/products/{$args.sku}" }, selection: "id")
                  featured: Product
                }
                type Product { id: ID! }
                """));

        CompositionException failure = catchThrowableOfType(CompositionException.class, () -> composer.compose(files));

        assertThat(failure.errors()).extracting(e -> e.file() + ":" + e.line() + " " + e.code()).containsExactly(
                "schema/orders.graphqls:2 KEY_INVALID_FIELDS",
                "schema/payments.graphqls:2 INVALID_GRAPHQL",
                "schema/users.graphqls:5 INVALID_GRAPHQL",
                "schema/products.graphqls:7 CONNECTORS_UNDEFINED_ARGUMENT",
                "schema/products.graphqls:8 CONNECTORS_UNRESOLVED_FIELD");
        assertThat(failure.getMessage().lines()).hasSize(5);
    }

    @Test
    void aFieldSharedWithShareableInBothSubgraphsComposes() {
        List<SchemaFile> files = List.of(file("users", """
                type Query { me: User }
                type User @key(fields: "id") {
                  id: ID!
                  name: String! @shareable
                }
                """), file("orders", """
                type Query { order: Int }
                type User @key(fields: "id") @shareable {
                  id: ID!
                  name: String
                }
                """));

        Supergraph supergraph = composer.compose(files);

        assertThat(supergraph.resolvers("User", "name")).containsExactly("users", "orders");
        assertThat(GraphQLTypeUtil.simplePrint(supergraph.schema().getObjectType("User").getFieldDefinition("name").getType()))
                .as("nullable in one subgraph, nullable in the supergraph").isEqualTo("String");
    }

    @Test
    void anExternalFieldIsNotSharedResolution() {
        List<SchemaFile> files = List.of(file("users", """
                type Query { me: User }
                type User @key(fields: "id") {
                  id: ID!
                  name: String!
                }
                """), file("orders", """
                type Query { order: Int }
                type User @key(fields: "id") {
                  id: ID!
                  name: String! @external
                }
                """));

        assertThat(composer.compose(files).resolvers("User", "name")).containsExactly("users");
    }

    @Test
    void anInterfaceObjectsFieldsAreResolvedOnEveryImplementationAndGuardedThere() {
        List<SchemaFile> files = List.of(file("catalog", """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
                type Query { media: [Media!]! }
                interface Media @key(fields: "id") { id: ID! title: String! }
                type Book implements Media @key(fields: "id") { id: ID! title: String! }
                type Movie implements Media @key(fields: "id") { id: ID! title: String! }
                """), file("reviews", """
                extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@interfaceObject", "@authenticated"])
                type Media @key(fields: "id") @interfaceObject { id: ID! reviews: [String!]! @authenticated }
                """));

        Supergraph supergraph = composer.compose(files);

        assertThat(supergraph.resolvers("Book", "reviews")).containsExactly("reviews");
        assertThat(supergraph.resolvers("Movie", "id")).containsExactly("catalog", "reviews");
        assertThat(supergraph.keys("reviews", "Book")).as("Book is sent to reviews as a Media").hasSize(1);
        assertThat(supergraph.localType("reviews", "Book")).isEqualTo("Media");
        assertThat(supergraph.entityInterfaceOwners("Media")).containsExactly("catalog");
        assertThat(supergraph.deniedFields(false, java.util.Set.of())).containsExactly("Book.reviews", "Media.reviews", "Movie.reviews");
    }

    @Test
    void twoFilesOfOneSubgraphAreRejected() {
        List<SchemaFile> files = List.of(new SchemaFile("a/users.graphqls", "type Query { a: Int }"),
                new SchemaFile("b/users.graphqls", "type Query { b: Int }"));

        assertThatExceptionOfType(CompositionException.class).isThrownBy(() -> composer.compose(files))
                .satisfies(e -> assertThat(e.errors()).extracting(CompositionError::code).containsExactly("DUPLICATE_SUBGRAPH"));
    }

    private static SchemaFile file(String subgraph, String text) {
        return new SchemaFile("schema/" + subgraph + ".graphqls", text);
    }
}
