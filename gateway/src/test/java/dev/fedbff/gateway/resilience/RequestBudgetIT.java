package dev.fedbff.gateway.resilience;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.MutableClock;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One budget per client request: a slow first fetch leaves the next one only what is left, however long its own timeout. */
class RequestBudgetIT {

    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static final RecordingBackend USERS = new RecordingBackend("users", 0);
    static final RecordingBackend ORDERS = new RecordingBackend("orders", 0);
    static final InProcessBff BFF = InProcessBff.with().clock(CLOCK).settings(Map.of(
            "fedbff.services.users", USERS.url(),
            "fedbff.services.orders", ORDERS.url(),
            "fedbff.resilience.request-timeout", "3s",
            "fedbff.resilience.timeout", "10s")).start();

    @AfterAll
    static void stop() {
        BFF.close();
        USERS.close();
        ORDERS.close();
    }

    @Test
    void theSecondFetchTimesOutWhenTheRequestsBudgetRunsOutNotAfterItsOwnTimeout() {
        USERS.answer(call -> {
            CLOCK.advance(Duration.ofMillis(2_500));
            return Answer.json("{\"data\": {\"me\": {\"__typename\": \"User\", \"id\": \"42\", \"name\": \"Ada\"}}}");
        });
        ORDERS.answerInTurn(Answer.json("{\"data\": {\"_entities\": [{\"orders\": [{\"id\": \"9\"}]}]}}").held());

        InProcessBff.Response response = BFF.post("{ me { name orders(first: 1) { id } } }", InProcessBff.token("42"));

        assertThat(response.took()).as("answered when the 3 s budget ran out (2.5 s of it spent by users), not after orders' 10 s timeout").isLessThan(Duration.ofSeconds(7));
        assertThat(response.json()).as("orders is non-null, so the error nulls me").containsEntry("data", BackendResilienceIT.nullAt("me"));
        assertThat(response.error(0)).containsEntry("path", List.of("me", "orders"));
        assertThat((String) response.error(0).get("message")).matches("service orders did not answer within the \\d+ ms left of the request's 3000 ms budget");
        assertThat(response.extensions(0)).containsEntry("code", "GATEWAY_TIMEOUT");
        assertThat(ORDERS.calls()).as("a read cut short by the budget is not tried again").hasSize(1);
    }
}
