package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.MutableClock;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlan;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.execution.RawVariables;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One time budget per request: each fetch carries what is left, and none starts once it is spent. */
class PlanExecutorDeadlineTest {

    static final Supergraph SUPERGRAPH = SchemaFixtures.supergraph();
    static final String QUERY = "{ me { name orders(first: 2) { id } } }";

    final MutableClock clock = new MutableClock();
    final List<FetchRequest> calls = new CopyOnWriteArrayList<>();
    final List<Duration> remaining = new CopyOnWriteArrayList<>();
    Duration usersTakes = Duration.ZERO;

    @Test
    void eachFetchGetsWhatIsLeftOfTheBudget() {
        usersTakes = Duration.ofMillis(300);

        ExecutionResult result = execute(Duration.ofSeconds(1));

        assertThat(result.errors()).isEmpty();
        assertThat(calls).extracting(FetchRequest::subgraph).containsExactly("users", "orders");
        assertThat(remaining).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(700));
    }

    @Test
    void aFetchWhoseTurnComesAfterTheBudgetIsSpentIsNotMadeAndItsFieldsTimeOut() {
        usersTakes = Duration.ofMillis(1500);

        ExecutionResult result = execute(Duration.ofSeconds(1));

        assertThat(calls).extracting(FetchRequest::subgraph).as("orders was never called").containsExactly("users");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(List.of("me", "orders"));
            assertThat(error.message()).isEqualTo("service orders was not called: the request's 1000 ms budget is spent");
            assertThat(error.code()).isEqualTo("GATEWAY_TIMEOUT");
            assertThat(error.service()).isEqualTo("orders");
        });
        assertThat(result.data().has("me")).isTrue();
    }

    @Test
    void withoutABudgetNothingIsCutShort() {
        usersTakes = Duration.ofHours(1);

        ExecutionResult result = new PlanExecutor(this::answer).execute(SUPERGRAPH, plan(), OperationContext.of(operation(), RawVariables.emptyVariables())).block();

        assertThat(result.errors()).isEmpty();
        assertThat(calls).extracting(FetchRequest::subgraph).containsExactly("users", "orders");
    }

    /** Runs the query for a request whose budget starts now. */
    private ExecutionResult execute(Duration budget) {
        RequestContext request = RequestContext.NONE.withDeadline(Deadline.after(budget, clock));
        return new PlanExecutor(this::answer).execute(SUPERGRAPH, plan(), new OperationContext(request, operation(), RawVariables.emptyVariables(), Set.of())).block();
    }

    private static QueryPlan plan() {
        return new QueryPlanner(SUPERGRAPH).plan(operation(), RawVariables.emptyVariables());
    }

    private static Operation operation() {
        return Operation.select(Parser.parse(QUERY), null);
    }

    private Mono<FetchResult> answer(FetchRequest request) {
        calls.add(request);
        remaining.add(request.deadline().remaining());
        if (request.subgraph().equals("users")) {
            clock.advance(usersTakes);
            Map<String, Object> me = new LinkedHashMap<>(Map.of("name", "Ada", "id", "1", "__typename", "User"));
            return Mono.just(FetchResult.root(JsonObject.from(Map.of("me", me)), List.of()));
        }
        Map<String, Object> user = new LinkedHashMap<>(Map.of("orders", List.of(new LinkedHashMap<>(Map.of("id", "9")))));
        return Mono.just(FetchResult.entities(List.of(JsonObject.from(user)), List.of()));
    }
}
