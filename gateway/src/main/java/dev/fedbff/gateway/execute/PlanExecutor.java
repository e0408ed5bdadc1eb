package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.Caller;
import dev.fedbff.gateway.connect.Deadline;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.plan.FetchNode;
import dev.fedbff.gateway.plan.QueryPlan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan: every fetch as soon as the fetches it depends on have merged, independent ones in parallel (for
 * mutations, each root fetch and what follows it after everything the root fetch before it led to). A failed fetch becomes errors at the paths it should have filled; the rest
 * of the plan goes on. Each execution has one time budget: every fetch gets what is left of it, and a fetch whose
 * turn comes after it has run out is not made (its fields get {@code GATEWAY_TIMEOUT}).
 */
public final class PlanExecutor {

    private final SubgraphConnector connector;
    private final Duration budget;
    private final Clock clock;

    /** Without a budget: each fetch is limited by its backend's timeout only. */
    public PlanExecutor(SubgraphConnector connector) {
        this(connector, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * @param budget how long one execution may take ({@code fedbff.resilience.request-timeout}); zero for no limit
     * @param clock  the time the budget is measured by
     */
    public PlanExecutor(SubgraphConnector connector, Duration budget, Clock clock) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("fedbff.resilience.request-timeout must not be negative, was " + budget);
        }
        this.connector = connector;
        this.budget = budget;
        this.clock = clock;
    }

    public Mono<ExecutionResult> execute(Supergraph supergraph, QueryPlan plan, Map<String, Object> variables, Caller caller) {
        return Mono.defer(() -> {
            Deadline deadline = budget.isZero() ? Deadline.none() : Deadline.after(budget, clock);
            Run run = new Run(supergraph, variables, caller, deadline);
            Mono<Void> all = plan.sequential()
                    ? Flux.fromIterable(plan.roots()).concatMap(root -> run.all(QueryPlan.subtree(root))).then()
                    : run.all(plan.nodes());
            return all.then(Mono.fromSupplier(run.tree::result));
        });
    }

    /** The state of one execution. */
    private final class Run {
        private final Supergraph supergraph;
        private final Map<String, Object> variables;
        private final Caller caller;
        private final Deadline deadline;
        private final ResultTree tree = new ResultTree();

        Run(Supergraph supergraph, Map<String, Object> variables, Caller caller, Deadline deadline) {
            this.supergraph = supergraph;
            this.variables = variables;
            this.caller = caller;
            this.deadline = deadline;
        }

        /** Every fetch of {@code nodes} (in id order, which puts each after those it depends on), each once its dependencies are done. */
        Mono<Void> all(List<FetchNode> nodes) {
            Map<Integer, Mono<Void>> done = new java.util.HashMap<>();
            for (FetchNode node : nodes) {
                List<Mono<Void>> dependencies = node.dependsOn().stream().map(id -> done.getOrDefault(id, Mono.<Void>empty())).toList();
                done.put(node.id(), Mono.when(dependencies).then(Mono.defer(() -> one(node))).cache());
            }
            return Mono.when(done.values());
        }

        private Mono<Void> one(FetchNode node) {
            ResultTree.Targets targets = node.entity() ? tree.targets(node) : ResultTree.Targets.ROOT;
            if (node.entity() && targets.isEmpty()) {
                return Mono.empty();
            }
            if (deadline.expired()) {
                return Mono.fromRunnable(() -> tree.fail(node, targets, budgetSpent(node)));
            }
            FetchRequest request = new FetchRequest(supergraph, node, targets.representations(), variablesOf(node), caller, deadline);
            return connector.fetch(request)
                    .doOnNext(result -> tree.merge(node, targets, result))
                    .then()
                    .onErrorResume(error -> Mono.fromRunnable(() -> tree.fail(node, targets, error)));
        }

        private SubgraphCallException budgetSpent(FetchNode node) {
            return new SubgraphCallException(node.subgraph(), "GATEWAY_TIMEOUT", "service " + node.subgraph()
                    + " was not called: the request's " + deadline.budget().toMillis() + " ms budget is spent", 0);
        }

        private Map<String, Object> variablesOf(FetchNode node) {
            Map<String, Object> used = new LinkedHashMap<>();
            for (String name : node.variables()) {
                if (variables.containsKey(name)) {
                    used.put(name, variables.get(name));
                }
            }
            return used;
        }
    }
}
