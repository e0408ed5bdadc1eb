package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each BFF serves its client's contract of the one graph in {@code schema/}: mobile-bff leaves out what is tagged
 * {@code web-only} (the user directory, "member since"), neither shows what is tagged {@code internal}. A hidden field
 * is an unknown field, is never fetched, and is absent from introspection; a contract that cannot apply stops start-up.
 */
class ClientContractsIT {

    static final String MEMBER_SINCE = "{ me { id createdAt } }";
    static final String INTROSPECTION = "{ __schema { types { name fields(includeDeprecated: true) { name } } } }";

    /** The elements tagged web-only in schema/: what web-bff has and mobile-bff does not, besides each BFF's own fields. */
    static final Set<String> WEB_ONLY = Set.of("Query.users", "User.createdAt", "UserConnection", "UserEdge", "PageInfo");
    /** The fields each BFF adds in its own schema file (mobile-bff.graphqls, web-bff.graphqls). */
    static final Set<String> WEB_OWN = Set.of("User.spendingByMonth", "MonthlySpending");
    static final Set<String> MOBILE_OWN = Set.of("User.openOrderCount", "Order.statusLabel");

    final LocalSystem system = LocalSystem.shared();

    @Test
    void aWebOnlyFieldAnswersOnWebAndIsAnUnknownFieldOnMobile() {
        GraphQLClient.Response web = post("web-bff", MEMBER_SINCE);
        system.clearCalls();
        GraphQLClient.Response mobile = post("mobile-bff", MEMBER_SINCE);
        GraphQLClient.Response unknown = post("mobile-bff", "{ me { id memberSince } }");

        assertThat(web.json()).doesNotContainKey("errors");
        assertThat(web.json()).extracting("data.me.createdAt").asString().isNotBlank();
        assertThat(mobile.json()).doesNotContainKey("data");
        assertThat(mobile.status()).isEqualTo(unknown.status());
        assertThat(errors(mobile)).singleElement().satisfies(error -> {
            assertThat(error).extracting("extensions.code").isEqualTo("GRAPHQL_VALIDATION_FAILED");
            assertThat(error).extracting("message").isEqualTo(((String) errors(unknown).get(0).get("message")).replace("memberSince", "createdAt"));
        });
        assertThat(backendsCalled()).as("a refused field is never fetched").isEmpty();
    }

    @Test
    void anInternalFieldIsUnknownOnBoth() {
        for (String bff : LocalSystem.BFFS) {
            GraphQLClient.Response response = post(bff, "{ payment(id: \"1\") { id orderId } }");

            assertThat(errors(response)).singleElement().extracting("message").asString().contains("'orderId'").contains("undefined");
        }
    }

    @Test
    void introspectionOfTheTwoDiffersByTheWebOnlyElementsAndEachOnesOwnFields() {
        Set<String> web = elements(post("web-bff", INTROSPECTION));
        Set<String> mobile = elements(post("mobile-bff", INTROSPECTION));

        Set<String> onlyOnWeb = new TreeSet<>(web);
        onlyOnWeb.removeAll(mobile);
        Set<String> onlyOnMobile = new TreeSet<>(mobile);
        onlyOnMobile.removeAll(web);
        onlyOnWeb.removeIf(element -> element.contains(".") && onlyOnWeb.contains(element.substring(0, element.indexOf('.'))));
        Set<String> expectedOnWeb = new TreeSet<>(WEB_ONLY);
        expectedOnWeb.addAll(WEB_OWN);
        assertThat(onlyOnWeb).containsExactlyInAnyOrderElementsOf(expectedOnWeb);
        assertThat(onlyOnMobile).containsExactlyInAnyOrderElementsOf(MOBILE_OWN);
        assertThat(web).doesNotContain("Payment.orderId").contains("Payment.amount");
    }

    @Test
    void aContractThatLeavesNoQueryStopsStartUpWithOneLine() throws InterruptedException {
        JavaProcess bff = JavaProcess.start("mobile-bff-empty-contract", "mobile-bff", JavaProcess.freePort(), List.of(
                "--fedbff.schema.location=" + LocalSystem.schemaFolder(), "--fedbff.auth.hs256-secret=" + LocalSystem.newSecret(),
                "--fedbff.contract.include=partner"));
        boolean exited = bff.process().waitFor(120, TimeUnit.SECONDS);
        bff.close();

        assertThat(exited).as("the BFF stops by itself").isTrue();
        assertThat(bff.process().exitValue()).isNotZero();
        assertThat(bff.output()).contains("CONTRACT_EMPTY_QUERY: the contract (include [partner], exclude [internal, web-only]) leaves Query without fields")
                .doesNotContain("\tat ");
    }

    private List<String> backendsCalled() {
        return LocalSystem.BACKENDS.stream().filter(name -> !system.proxy(name).calls().isEmpty()).toList();
    }

    private GraphQLClient.Response post(String bff, String query) {
        return GraphQLClient.post(system.graphql(bff), system.token("42"), GraphQLClient.query(query));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(GraphQLClient.Response response) {
        return (List<Map<String, Object>>) response.json().get("errors");
    }

    /** Every type by name, and every field of an object or interface type as {@code Type.field}; built-in types left out. */
    @SuppressWarnings("unchecked")
    private static Set<String> elements(GraphQLClient.Response response) {
        Set<String> elements = new TreeSet<>();
        List<Map<String, Object>> types = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) response.json().get("data"))
                .get("__schema")).get("types");
        for (Map<String, Object> type : types) {
            String name = (String) type.get("name");
            if (name.startsWith("__")) {
                continue;
            }
            elements.add(name);
            if (type.get("fields") instanceof List<?> fields) {
                fields.forEach(field -> elements.add(name + "." + ((Map<String, Object>) field).get("name")));
            }
        }
        return elements;
    }
}
