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
    void profileIsServedWithNullPaymentsAndOneErrorPerMissingPayment() {
        GraphQLClient.Response response = GraphQLClient.post(SYSTEM.graphql("web-bff"), SYSTEM.token("42"), GraphQLClient.query(ProfileQueryIT.PROFILE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data")).isEqualTo(Map.of("me", withoutPayments(ProfileQueryIT.expectedProfile("42", 5))));
        assertThat(errorPaths(response)).containsExactly(
                List.of("me", "orders", 0, "payment"), List.of("me", "orders", 1, "payment"), List.of("me", "orders", 2, "payment"),
                List.of("me", "orders", 3, "payment"), List.of("me", "orders", 4, "payment"));
    }

    /** The profile as it is served while payments is down: every order's {@code payment} is null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutPayments(Map<String, Object> profile) {
        ((List<Map<String, Object>>) profile.get("orders")).forEach(order -> order.put("payment", null));
        return profile;
    }

    /** The paths of the response's errors, after checking each one names payments as unavailable. */
    @SuppressWarnings("unchecked")
    static List<Object> errorPaths(GraphQLClient.Response response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.json().get("errors");
        assertThat(errors).isNotNull().allSatisfy(error -> assertThat((Map<String, Object>) error.get("extensions"))
                .containsEntry("serviceName", "payments").containsEntry("code", "SERVICE_UNAVAILABLE"));
        return errors.stream().map(error -> error.get("path")).toList();
    }
}
