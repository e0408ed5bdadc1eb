package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Apollo Router user's switch: a BFF started from the supergraph that Apollo's own composition made of
 * {@code schema/} and web-bff's own {@code web-bff.graphqls} (one setting, {@code fedbff.schema.supergraph}) answers like
 * the BFF started from {@code schema/}: the same contract, the same own fields, resolved in process.
 */
class SupergraphInputIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static JavaProcess fromSupergraph;

    @BeforeAll
    static void startBffFromApolloSupergraph() {
        List<String> arguments = new ArrayList<>(SYSTEM.bffArguments(LocalSystem.schemaFolder()));
        arguments.add("--fedbff.schema.supergraph=" + JavaProcess.ROOT.resolve("gateway/src/test/resources/supergraph/apollo-supergraph-web-bff.graphql"));
        fromSupergraph = JavaProcess.start("web-bff-from-supergraph", "web-bff", JavaProcess.freePort(), arguments).awaitHealthy();
    }

    @AfterAll
    static void stop() {
        fromSupergraph.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            ProfileQueryIT.PROFILE,
            "{ product(id: \"7\") { id name price } order(id: \"42\") { id total items { quantity product { name } } user { name email } } }",
            "{ users(first: 3) { edges { cursor node { name orders(first: 1) { payment { amount method } } } } pageInfo { hasNextPage } } }",
            "{ productsByCategory(category: \"books\", page: 1) { total items { id name } } }",
            "{ me { name spendingByMonth { month total orders } } }",
            "{ __schema { queryType { name } mutationType { name } types { name } } }"})
    void answersLikeTheBffComposedFromTheSchemaFolder(String query) {
        URI apollo = URI.create("http://127.0.0.1:" + fromSupergraph.port() + "/graphql");

        GraphQLClient.Response expected = GraphQLClient.post(SYSTEM.graphql("web-bff"), SYSTEM.token("42"), GraphQLClient.query(query));
        GraphQLClient.Response actual = GraphQLClient.post(apollo, SYSTEM.token("42"), GraphQLClient.query(query));

        assertThat(expected.status()).isEqualTo(200);
        assertThat(expected.json()).doesNotContainKey("errors");
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.json()).isEqualTo(expected.json());
    }
}
