package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.connect.CachingConnector;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.FetchResult;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.execute.PlanExecutor;
import graphql.execution.RawVariables;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST connector cache seen through GraphQL: fresh answers come from the cache, a failing backend is covered by
 * the stale answer (flagged in {@code extensions.stale}) within max-stale, and fresh data returns with the backend.
 */
class StaleIfErrorTest {

    static final String QUERY = "{ product(id: \"7\") { name price } }";

    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<String> backend = new AtomicReference<>("Lamp");
    final GraphQLGateway gateway = new GraphQLGateway(SchemaFixtures.supergraph(), new PlanExecutor(new CachingConnector(this::products,
            Map.of("products", Duration.ofSeconds(30)), Duration.ofMinutes(5), 100, (Ticker) nanos::get)), 100);

    @Test
    void freshAnswersComeFromTheCache() {
        assertThat(execute()).isEqualTo(Map.of("data", Map.of("product", product("Lamp"))));
        backend.set("Lamp v2");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(execute()).isEqualTo(Map.of("data", Map.of("product", product("Lamp"))));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailingBackendIsCoveredByTheStaleAnswerMarkedStaleThenFreshDataReturns() {
        execute();
        backend.set(null);
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());

        assertThat(execute()).isEqualTo(Map.of("data", Map.of("product", product("Lamp")), "extensions", Map.of("stale", List.of("products"))));

        backend.set("Lamp v2");
        assertThat(execute()).isEqualTo(Map.of("data", Map.of("product", product("Lamp v2"))));
    }

    @Test
    void pastMaxStaleTheFailureShows() {
        execute();
        backend.set(null);
        nanos.addAndGet(Duration.ofMinutes(6).toNanos());

        Map<String, Object> body = execute();

        assertThat(body.get("data")).isEqualTo(java.util.Collections.singletonMap("product", null));
        assertThat(body.toString()).contains("SERVICE_UNAVAILABLE").doesNotContain("stale");
    }

    private Map<String, Object> execute() {
        return gateway.execute(new GraphQLRequest(QUERY, null, RawVariables.emptyVariables()), RequestContext.NONE).block().body().toMap();
    }

    private Mono<FetchResult> products(FetchRequest request) {
        calls.incrementAndGet();
        String name = backend.get();
        if (name == null) {
            return Mono.error(new SubgraphCallException("products", "SERVICE_UNAVAILABLE", "service products is unreachable: connection refused", 0));
        }
        return Mono.just(FetchResult.root(JsonObject.from(Map.of("product", product(name))), List.of()));
    }

    private static Map<String, Object> product(String name) {
        return Map.of("name", name, "price", 100);
    }
}
