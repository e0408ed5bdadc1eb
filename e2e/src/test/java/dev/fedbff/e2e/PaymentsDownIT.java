package dev.fedbff.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With the payments backend stopped, clients still get everything else, and an error where each payment would be. */
class PaymentsDownIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();

    @BeforeAll
    static void stopPayments() {
        SYSTEM.stopBackend("payments");
    }

    @AfterAll
    static void startPayments() {
        SYSTEM.startBackend("payments");
    }

    @Test
    @SuppressWarnings("unchecked")
    void profileIsServedWithNullPaymentsAndOneErrorPerMissingPayment() {
        GraphQLClient.Response response = GraphQLClient.post(SYSTEM.graphql("web-bff"), SYSTEM.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> expected = ProfileQueryIT.expectedProfile("42", 5);
        ((List<Map<String, Object>>) expected.get("orders")).forEach(order -> order.put("payment", null));
        assertThat(response.json().get("data")).isEqualTo(Map.of("me", expected));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).extracting(error -> error.get("path")).containsExactly(
                List.of("me", "orders", 0, "payment"), List.of("me", "orders", 1, "payment"), List.of("me", "orders", 2, "payment"),
                List.of("me", "orders", 3, "payment"), List.of("me", "orders", 4, "payment"));
        assertThat(errors).allSatisfy(error -> assertThat((Map<String, Object>) error.get("extensions"))
                .containsEntry("serviceName", "payments").containsEntry("code", "SERVICE_UNAVAILABLE"));
    }
}
