package dev.fedbff.benchmarks.guild;

import dev.fedbff.benchmarks.server.CachingGraphQLServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The four benchmark subgraphs in one process, each on its own port of 127.0.0.1, each answering
 * {@code POST /graphql} from a response cache.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.guild.GuildSubgraphs 4201 4202 4203 4204}
 * (ports of accounts, products, inventory, reviews; 0 picks a free one). Prints one {@code <name> <address>} line per
 * subgraph once all listen, then runs until killed.
 */
public final class GuildSubgraphs implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Map<GuildSubgraph, CachingGraphQLServer> servers;

    private GuildSubgraphs(Map<GuildSubgraph, CachingGraphQLServer> servers) {
        this.servers = servers;
    }

    /** Starts the four subgraphs; {@code ports} in the order of {@link GuildSubgraph}, 0 for any free port. */
    public static GuildSubgraphs start(int... ports) {
        GuildSubgraph[] subgraphs = GuildSubgraph.values();
        if (ports.length != subgraphs.length) {
            throw new IllegalArgumentException("give " + subgraphs.length + " ports (accounts products inventory reviews), got " + ports.length);
        }
        Map<GuildSubgraph, CachingGraphQLServer> servers = new EnumMap<>(GuildSubgraph.class);
        List<CachingGraphQLServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < subgraphs.length; i++) {
                CachingGraphQLServer server = new CachingGraphQLServer(subgraphs[i].graphQL(), HOST, ports[i]);
                started.add(server);
                servers.put(subgraphs[i], server);
            }
        } catch (RuntimeException e) {
            started.forEach(CachingGraphQLServer::close);
            throw e;
        }
        return new GuildSubgraphs(servers);
    }

    /** Subgraph name to base address, e.g. {@code accounts -> http://127.0.0.1:4201}; POSTs go to {@code <address>/graphql}. */
    public Map<String, URI> addresses() {
        Map<String, URI> addresses = new LinkedHashMap<>();
        servers.forEach((subgraph, server) -> addresses.put(subgraph.subgraphName(), URI.create("http://" + HOST + ":" + server.port())));
        return addresses;
    }

    @Override
    public void close() {
        servers.values().forEach(CachingGraphQLServer::close);
    }

    public static void main(String[] args) throws InterruptedException {
        int[] ports = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            ports[i] = Integer.parseInt(args[i]);
        }
        GuildSubgraphs subgraphs = start(args.length == 0 ? new int[GuildSubgraph.values().length] : ports);
        Runtime.getRuntime().addShutdownHook(new Thread(subgraphs::close, "subgraphs-shutdown"));
        subgraphs.addresses().forEach((name, address) -> System.out.println(name + " " + address));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
