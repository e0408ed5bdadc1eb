package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.resilience.TestBackend.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One budget per client request: a slow first fetch leaves the next one only what is left, however long its own timeout. */
class RequestBudgetIT {

    static final TestBackend USERS = new TestBackend();
    static final TestBackend ORDERS = new TestBackend();
    static final InProcessBff BFF = InProcessBff.start(Map.of(
            "fedbff.services.users", USERS.address().toString(),
            "fedbff.services.orders", ORDERS.address().toString(),
            "fedbff.resilience.request-timeout", "3s",
            "fedbff.resilience.timeout", "10s"));

    @AfterAll
    static void stop() {
        BFF.close();
        USERS.close();
        ORDERS.close();
    }

    @Test
    void theSecondFetchTimesOutWhenTheRequestsBudgetRunsOutNotAfterItsOwnTimeout() {
        USERS.answerInTurn(Answer.json("{\"data\": {\"me\": {\"__typename\": \"User\", \"id\": \"42\", \"name\": \"Ada\"}}}").after(Duration.ofSeconds(1)));
        ORDERS.answerInTurn(Answer.json("{\"data\": {\"_entities\": [{\"orders\": [{\"id\": \"9\"}]}]}}").after(Duration.ofSeconds(12)));

        InProcessBff.Response response = BFF.post("{ me { name orders(first: 1) { id } } }", InProcessBff.token("42"));

        assertThat(response.took()).as("answered when the 3 s budget ran out, not after orders' 10 s timeout").isLessThan(Duration.ofSeconds(7));
        assertThat(response.json()).as("orders is non-null, so the error nulls me").containsEntry("data", BackendResilienceIT.nullAt("me"));
        assertThat(response.error(0)).containsEntry("path", List.of("me", "orders"));
        assertThat((String) response.error(0).get("message")).matches("service orders did not answer within the \\d+ ms left of the request's 3000 ms budget");
        assertThat(response.extensions(0)).containsEntry("code", "GATEWAY_TIMEOUT");
        assertThat(ORDERS.calls()).as("a read cut short by the budget is not tried again").hasSize(1);
    }
}
