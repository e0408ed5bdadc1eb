package dev.fedbff.benchmarks.domain;

import dev.fedbff.benchmarks.server.SubgraphServers;

import java.util.List;

/**
 * The products and payments GraphQL subgraphs ({@link DomainSubgraph}) in one process on 127.0.0.1, each answering
 * {@code POST /graphql} from a response cache, as the Guild subgraphs do.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.domain.DomainFacades 4215 4216} (ports of
 * products and payments; 0 picks a free one). Prints one {@code <name> <address>} line per subgraph once both listen,
 * then runs until killed.
 */
public final class DomainFacades {

    private DomainFacades() {
    }

    /** Starts both subgraphs; {@code ports} in the order of {@link DomainSubgraph}, 0 for any free port. */
    public static SubgraphServers start(int... ports) {
        return SubgraphServers.start(List.of(DomainSubgraph.values()), ports);
    }

    public static void main(String[] args) throws InterruptedException {
        SubgraphServers.serve(List.of(DomainSubgraph.values()), args);
    }
}
