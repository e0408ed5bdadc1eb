package dev.fedbff.gateway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fedbff.gateway.compose.CompositionError;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.edge.GraphQLGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Composes the graph again and serves it when it composes: the gateway swaps its engine whole (requests in flight
 * finish on the old graph, plan and document caches start empty for the new one). A graph that does not compose
 * leaves the old one serving; its errors are logged once (again only when they change), counted in
 * {@code fedbff.schema.reloads{outcome=failed}} and kept for health and the {@code schema} endpoint until a reload
 * succeeds.
 */
final class SchemaReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaReloader.class);
    static final String METER = "fedbff.schema.reloads";

    /**
     * What one reload did, as the {@code schema} endpoint answers it: {@code reloaded} (a new graph serves),
     * {@code unchanged} (same files) or {@code failed}, with the version serving and a failure's {@code errors}.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Result(String outcome, String version, List<String> errors) {

        boolean failed() {
            return "failed".equals(outcome);
        }
    }

    /**
     * How reloads went, as health and the {@code schema} endpoint show them under {@code reload}: only
     * {@code enabled: false} when reload is off; else the counts, the last reload with its cause, the last failure,
     * and the last failure's {@code errors} while they stand.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Details(boolean enabled, @Nullable Long reloads, @Nullable Long failures, @Nullable String lastReload,
                   @Nullable String lastCause, @Nullable String lastFailure, List<String> errors) {

        /** Reload is off: the graph loaded at start-up serves until the BFF restarts. */
        static final Details DISABLED = new Details(false, null, null, null, null, null, List.of());
    }

    /** Reloads so far; the last failure's errors stay until a reload succeeds. */
    private record State(long reloads, long failures, @Nullable Instant lastReload, @Nullable String lastCause, @Nullable Instant lastFailure,
                         List<String> errors) {
    }

    private final SupergraphSource source;
    private final GraphQLGateway gateway;
    private final Clock clock;
    private final @Nullable MeterRegistry meters;
    private volatile State state = new State(0, 0, null, null, null, List.of());

    SchemaReloader(SupergraphSource source, GraphQLGateway gateway, Clock clock, @Nullable MeterRegistry meters) {
        this.source = source;
        this.gateway = gateway;
        this.clock = clock;
        this.meters = meters;
        if (meters != null) {
            meters.counter(METER, "outcome", "reloaded");
            meters.counter(METER, "outcome", "failed");
        }
    }

    /** Composes the graph now and serves it if it composes; {@code cause} says why, in logs and health. */
    synchronized Result reload(String cause) {
        Supergraph current = gateway.supergraph();
        Supergraph next;
        try {
            next = source.load();
        } catch (CompositionException e) {
            return failed(cause, current, e.errors().stream().map(CompositionError::toString).toList());
        } catch (dev.fedbff.gateway.compose.ContractException e) {
            return failed(cause, current, e.problems());
        } catch (RuntimeException e) {
            return failed(cause, current, List.of("the schema could not be loaded: " + e));
        }
        State before = state;
        if (next.version().equals(current.version())) {
            if (!before.errors().isEmpty()) {
                LOG.info("Schema files compose again as the graph serving ({}); version {} stays", cause, current.version());
            }
            state = new State(before.reloads(), before.failures(), before.lastReload(), before.lastCause(), before.lastFailure(), List.of());
            return new Result("unchanged", current.version(), List.of());
        }
        gateway.swap(next);
        state = new State(before.reloads() + 1, before.failures(), clock.instant(), cause, before.lastFailure(), List.of());
        count("reloaded");
        LOG.info("Schema reloaded ({}): version {} serves now, subgraphs {}", cause, next.version(),
                next.subgraphs().stream().map(Subgraph::name).toList());
        return new Result("reloaded", next.version(), List.of());
    }

    private Result failed(String cause, Supergraph current, List<String> errors) {
        State before = state;
        if (!errors.equals(before.errors())) {
            LOG.warn("Schema reload failed ({}); version {} keeps serving:\n  {}", cause, current.version(), String.join("\n  ", errors));
        }
        state = new State(before.reloads(), before.failures() + 1, before.lastReload(), before.lastCause(), clock.instant(), errors);
        count("failed");
        return new Result("failed", current.version(), errors);
    }

    private void count(String outcome) {
        if (meters != null) {
            meters.counter(METER, "outcome", outcome).increment();
        }
    }

    /** What health and the {@code schema} endpoint show under {@code reload}. */
    Details details() {
        State now = state;
        return new Details(true, now.reloads(), now.failures(), now.lastReload() == null ? null : now.lastReload().toString(),
                now.lastReload() == null ? null : now.lastCause(), now.lastFailure() == null ? null : now.lastFailure().toString(), now.errors());
    }
}
