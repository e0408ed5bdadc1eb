package dev.fedbff.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fedbff.gateway.plan.QueryPlan;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Plans by query text, operation name, supergraph version, the values of the variables that
 * {@code @skip}/{@code @include} read, the fields the caller may not read, and the progressive-override labels the
 * request enabled: a plan never outlives the graph it was made for, and callers with different rights, or requests
 * on different sides of an override, never share one.
 */
final class PlanCache {

    /**
     * What a plan depends on besides the supergraph's contents.
     *
     * @param trueConditions the variables read by {@code @skip}/{@code @include} whose value is {@code true}: a
     *                       condition variable that is false, null or absent plans the same way
     */
    record Key(String version, String query, String operationName, Set<String> trueConditions, Set<String> deniedFields,
               Set<String> overrideLabels) {
    }

    private final Cache<Key, QueryPlan> cache;

    PlanCache(long maximumSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    /** Drops every entry: the graph they were made for no longer serves. */
    void clear() {
        cache.invalidateAll();
    }

    /** Publishes size, hits, misses and evictions as {@code cache.*} metrics tagged {@code cache=fedbff.plans}. */
    void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, cache, "fedbff.plans");
    }

    QueryPlan get(Key key, Supplier<QueryPlan> planner) {
        return cache.get(key, k -> planner.get());
    }
}
