package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.FetchNotes;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.SubgraphCallException;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.plan.FetchNode;
import dev.fedbff.gateway.plan.QueryPlan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Runs a plan: every fetch as soon as the fetches it depends on have merged, independent ones in parallel (for
 * mutations, each root fetch and what follows it after everything the root fetch before it led to). A failed fetch
 * becomes errors at the paths it should have filled; the rest of the plan goes on. Each request has one time budget,
 * its context's {@link Deadline}: every fetch gets what is left of it, and a fetch whose turn comes after it has run
 * out is not made (its fields get {@code GATEWAY_TIMEOUT}).
 */
public final class PlanExecutor {

    private final SubgraphConnector connector;

    public PlanExecutor(SubgraphConnector connector) {
        this.connector = connector;
    }

    /**
     * Runs {@code plan} for the request in {@code context}, within its deadline.
     *
     * @param supergraph the graph the plan was made for
     */
    public Mono<ExecutionResult> execute(Supergraph supergraph, QueryPlan plan, OperationContext context) {
        return Mono.defer(() -> {
            Run run = new Run(supergraph, context, plan);
            Mono<Void> all = plan.sequential()
                    ? Flux.fromIterable(plan.roots()).concatMap(root -> run.all(QueryPlan.subtree(root))).then()
                    : run.all(plan.nodes());
            return all.then(Mono.fromSupplier(run.tree::result));
        });
    }

    /** The state of one execution. */
    private final class Run {
        private final Supergraph supergraph;
        private final OperationContext context;
        private final Deadline deadline;
        private final ResultTree tree;

        Run(Supergraph supergraph, OperationContext context, QueryPlan plan) {
            this.supergraph = supergraph;
            this.tree = new ResultTree(plan.nodes());
            this.context = context;
            this.deadline = context.request().deadline();
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
            FetchRequest request = FetchRequests.of(supergraph, node, targets.representations(), context);
            return connector.fetch(request)
                    .contextWrite(reactor -> reactor.put(FetchNotes.Fetch.class, new FetchNotes.Fetch(node.id())))
                    .doOnNext(result -> tree.merge(node, targets, result))
                    .then()
                    .onErrorResume(error -> Mono.fromRunnable(() -> tree.fail(node, targets, error)));
        }

        private SubgraphCallException budgetSpent(FetchNode node) {
            return new SubgraphCallException(node.subgraph(), "GATEWAY_TIMEOUT", "service " + node.subgraph()
                    + " was not called: the request's " + deadline.budget().toMillis() + " ms budget is spent", 0);
        }
    }
}
