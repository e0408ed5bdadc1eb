package dev.fedbff.gateway.compose;

import dev.fedbff.gateway.SchemaFixtures;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaPrinter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a client of a BFF with a contract sees: the schema without the elements its tags hide, with Apollo's contract
 * rules (a type without fields goes, a field of a hidden type goes, a required argument cannot go alone), and a
 * one-line start-up error for a contract that cannot apply.
 */
class ContractTest {

    private static final String HEADER = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@tag"])
            """;

    private static Supergraph compose(String sdl) {
        return new SupergraphComposer().compose(List.of(new SchemaFile("schema/shop.graphqls", HEADER + sdl)));
    }

    private static String printed(GraphQLSchema schema) {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)).print(schema);
    }

    private static List<String> validate(Supergraph supergraph, String query) {
        Document document = Parser.parse(query);
        return ParseAndValidate.validate(supergraph.apiSchema(), document).stream().map(e -> e.getMessage()).toList();
    }

    private static final String SHOP = """
            type Query {
              me: User
              report(month: String! @tag(name: "internal"), draft: Boolean @tag(name: "internal")): Report @tag(name: "internal")
            }
            type User @key(fields: "id") {
              id: ID!
              name: String!
              spending: Spending @tag(name: "web-only")
              tier: Tier!
            }
            type Spending @tag(name: "web-only") { total: Int! }
            type Report { lines: [ReportLine!]! }
            type ReportLine { text: String! }
            enum Tier { GOLD SILVER STAFF @tag(name: "internal") }
            """;

    @Test
    void excludedElementsAndWhatTheyLeaveEmptyAreGone() {
        Supergraph web = new Contract(Set.of(), Set.of("internal")).apply(compose(SHOP));
        Supergraph mobile = new Contract(Set.of(), Set.of("internal", "web-only")).apply(compose(SHOP));

        assertThat(printed(web.apiSchema())).contains("spending: Spending").contains("type Spending")
                .doesNotContain("report").doesNotContain("Report").doesNotContain("STAFF").contains("GOLD");
        assertThat(printed(mobile.apiSchema())).doesNotContain("spending").doesNotContain("Spending").doesNotContain("Report")
                .contains("name: String!").contains("tier: Tier!");
    }

    @Test
    void aHiddenFieldIsRefusedLikeAnUnknownField() {
        Supergraph full = compose(SHOP);
        Supergraph mobile = new Contract(Set.of(), Set.of("internal", "web-only")).apply(full);

        assertThat(validate(full, "{ me { spending { total } } }")).isEmpty();
        assertThat(validate(mobile, "{ me { spending { total } } }")).singleElement().asString()
                .isEqualTo(validate(full, "{ me { bogus { total } } }").get(0).replace("bogus", "spending"));
    }

    @Test
    void theWholeSchemaForPlanningKeepsEverything() {
        Supergraph mobile = new Contract(Set.of(), Set.of("internal", "web-only")).apply(compose(SHOP));

        assertThat(mobile.schema().getObjectType("User").getFieldDefinition("spending")).isNotNull();
        assertThat(mobile.tags()).containsEntry("User.spending", Set.of("web-only")).containsEntry("Tier.STAFF", Set.of("internal"));
    }

    @Test
    void includedTagsKeepOnlyTaggedFieldsAndFieldsOfTaggedTypes() {
        Supergraph partner = new Contract(Set.of("partner"), Set.of()).apply(compose("""
                type Query { product(id: ID!): Product @tag(name: "partner") secret: String }
                type Product @key(fields: "id") @tag(name: "partner") { id: ID! name: String! cost: Int! @tag(name: "internal") }
                """));

        assertThat(printed(partner.apiSchema())).contains("product(id: ID!): Product").doesNotContain("secret")
                .contains("cost: Int!").contains("name: String!");
    }

    @Test
    void exclusionWinsOverInclusion() {
        Supergraph partner = new Contract(Set.of("partner"), Set.of("internal")).apply(compose("""
                type Query { product(id: ID!): Product @tag(name: "partner") }
                type Product @key(fields: "id") @tag(name: "partner") { id: ID! name: String! cost: Int! @tag(name: "internal") }
                """));

        assertThat(printed(partner.apiSchema())).contains("name: String!").doesNotContain("cost");
    }

    @Test
    void aRequiredArgumentCannotGoWithoutItsField() {
        ContractException failure = catchThrowableOfType(ContractException.class, () -> new Contract(Set.of(), Set.of("beta")).apply(compose("""
                type Query { orders(status: String! @tag(name: "beta"), first: Int @tag(name: "beta")): [String!]! }
                """)));

        assertThat(failure.getMessage()).isEqualTo("CONTRACT_REQUIRED_ARGUMENT: the contract (include [], exclude [beta]) hides the required "
                + "argument Query.orders(status:) but not Query.orders; tag the field too");
    }

    @Test
    void anOptionalArgumentGoesAlone() {
        Supergraph contract = new Contract(Set.of(), Set.of("beta")).apply(compose("""
                type Query { orders(status: String, first: Int @tag(name: "beta")): [String!]! }
                """));

        assertThat(printed(contract.apiSchema())).contains("orders(status: String): [String!]!");
    }

    @Test
    void aRequiredInputFieldCannotGoWithoutItsType() {
        ContractException failure = catchThrowableOfType(ContractException.class, () -> new Contract(Set.of(), Set.of("beta")).apply(compose("""
                type Query { a: String }
                type Mutation { place(input: PlaceInput!): String }
                input PlaceInput { sku: ID! @tag(name: "beta") note: String }
                """)));

        assertThat(failure.getMessage()).startsWith("CONTRACT_REQUIRED_INPUT_FIELD: ").contains("PlaceInput.sku");
    }

    @Test
    void aContractThatEmptiesQueryStopsStartUp() {
        ContractException failure = catchThrowableOfType(ContractException.class, () -> new Contract(Set.of(), Set.of("beta")).apply(compose("""
                type Query { a: String @tag(name: "beta") b: Thing }
                type Thing @tag(name: "beta") { x: Int }
                """)));

        assertThat(failure.problems()).containsExactly("CONTRACT_EMPTY_QUERY: the contract (include [], exclude [beta]) leaves Query without fields");
    }

    @Test
    void typesNoClientCanReachAnyMoreAreGone() {
        Supergraph contract = new Contract(Set.of(), Set.of("admin")).apply(compose("""
                type Query { a: String audit: AuditLog @tag(name: "admin") }
                type AuditLog { entries: [AuditEntry!]! }
                type AuditEntry { who: String! kind: AuditKind! }
                enum AuditKind { READ WRITE }
                """));

        assertThat(printed(contract.apiSchema())).doesNotContain("Audit");
    }

    @Test
    void theRepositorySchemaDiffersBetweenTheTwoBffsByTheWebOnlyElements() {
        Supergraph full = SchemaFixtures.supergraph();
        Supergraph web = new Contract(Set.of(), Set.of("internal")).apply(full);
        Supergraph mobile = new Contract(Set.of(), Set.of("internal", "web-only")).apply(full);

        assertThat(printed(web.apiSchema())).doesNotContain("orderId").contains("users(after: String, first: Int = 20): UserConnection!");
        assertThat(printed(mobile.apiSchema())).doesNotContain("orderId").doesNotContain("users(").doesNotContain("UserConnection")
                .doesNotContain("PageInfo");
        assertThat(mobile.apiSchema().getObjectType("User").getFieldDefinition("createdAt")).isNull();
        assertThat(web.apiSchema().getObjectType("User").getFieldDefinition("createdAt")).isNotNull();
        assertThat(full.tags()).containsEntry("Query.users", Set.of("web-only")).containsEntry("Payment.orderId", Set.of("internal"));
    }

    @Test
    void anApolloSupergraphCarriesTheSameTags() {
        Supergraph fromApollo = SupergraphSdl.read("apollo-supergraph.graphql",
                SchemaFixtures.read(java.nio.file.Path.of("src/test/resources/supergraph/apollo-supergraph.graphql")));
        Contract mobile = new Contract(Set.of(), Set.of("internal", "web-only"));

        assertThat(fromApollo.tags()).isEqualTo(SchemaFixtures.supergraph().tags());
        assertThat(printed(mobile.apply(fromApollo).apiSchema())).isEqualTo(printed(mobile.apply(SchemaFixtures.supergraph()).apiSchema()));
    }
}
