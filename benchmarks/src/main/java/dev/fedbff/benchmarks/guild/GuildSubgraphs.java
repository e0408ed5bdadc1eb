package dev.fedbff.benchmarks.guild;

import dev.fedbff.benchmarks.server.SubgraphServers;

import java.util.List;

/**
 * The four benchmark subgraphs in one process, each on its own port of 127.0.0.1, each answering
 * {@code POST /graphql} from a response cache.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.guild.GuildSubgraphs 4201 4202 4203 4204}
 * (ports of accounts, products, inventory, reviews; 0 picks a free one). Prints one {@code <name> <address>} line per
 * subgraph once all listen, then runs until killed.
 */
public final class GuildSubgraphs {

    private GuildSubgraphs() {
    }

    /** Starts the four subgraphs; {@code ports} in the order of {@link GuildSubgraph}, 0 for any free port. */
    public static SubgraphServers start(int... ports) {
        return SubgraphServers.start(List.of(GuildSubgraph.values()), ports);
    }

    public static void main(String[] args) throws InterruptedException {
        SubgraphServers.serve(List.of(GuildSubgraph.values()), args);
    }
}
