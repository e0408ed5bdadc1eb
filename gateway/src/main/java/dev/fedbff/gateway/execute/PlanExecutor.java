package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.Caller;
import dev.fedbff.gateway.connect.FetchRequest;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.plan.FetchNode;
import dev.fedbff.gateway.plan.QueryPlan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan: root fetches in parallel (one after another for mutations), each fetch's children as soon as it
 * has merged, siblings in parallel. A failed fetch becomes errors at the paths it should have filled; the rest
 * of the plan goes on.
 */
public final class PlanExecutor {

    private final SubgraphConnector connector;

    public PlanExecutor(SubgraphConnector connector) {
        this.connector = connector;
    }

    public Mono<ExecutionResult> execute(Supergraph supergraph, QueryPlan plan, Map<String, Object> variables, Caller caller) {
        return Mono.defer(() -> {
            Run run = new Run(supergraph, variables, caller);
            return run.all(plan.roots(), plan.sequential()).then(Mono.fromSupplier(run.tree::result));
        });
    }

    /** The state of one execution. */
    private final class Run {
        private final Supergraph supergraph;
        private final Map<String, Object> variables;
        private final Caller caller;
        private final ResultTree tree = new ResultTree();

        Run(Supergraph supergraph, Map<String, Object> variables, Caller caller) {
            this.supergraph = supergraph;
            this.variables = variables;
            this.caller = caller;
        }

        Mono<Void> all(List<FetchNode> nodes, boolean sequential) {
            Flux<FetchNode> flux = Flux.fromIterable(nodes);
            return (sequential ? flux.concatMap(this::one) : flux.flatMap(this::one)).then();
        }

        private Mono<Void> one(FetchNode node) {
            ResultTree.Targets targets = node.entity() ? tree.targets(node) : ResultTree.Targets.ROOT;
            if (node.entity() && targets.isEmpty()) {
                return Mono.empty();
            }
            FetchRequest request = new FetchRequest(supergraph, node, targets.representations(), variablesOf(node), caller);
            return connector.fetch(request)
                    .doOnNext(result -> tree.merge(node, targets, result))
                    .then()
                    .onErrorResume(error -> Mono.fromRunnable(() -> tree.fail(node, targets, error)))
                    .then(Mono.defer(() -> all(node.children(), false)));
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
