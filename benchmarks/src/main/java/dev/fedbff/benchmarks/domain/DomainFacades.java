package dev.fedbff.benchmarks.domain;

import dev.fedbff.benchmarks.server.CachingGraphQLServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The products and payments GraphQL subgraphs ({@link DomainSubgraph}) in one process on 127.0.0.1, each answering
 * {@code POST /graphql} from a response cache, as the Guild subgraphs do.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.domain.DomainFacades 4215 4216} (ports of
 * products and payments; 0 picks a free one). Prints one {@code <name> <address>} line per subgraph once both listen,
 * then runs until killed.
 */
public final class DomainFacades implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Map<DomainSubgraph, CachingGraphQLServer> servers;

    private DomainFacades(Map<DomainSubgraph, CachingGraphQLServer> servers) {
        this.servers = servers;
    }

    /** Starts both subgraphs; {@code ports} in the order of {@link DomainSubgraph}, 0 for any free port. */
    public static DomainFacades start(int... ports) {
        DomainSubgraph[] subgraphs = DomainSubgraph.values();
        if (ports.length != subgraphs.length) {
            throw new IllegalArgumentException("give " + subgraphs.length + " ports (products payments), got " + ports.length);
        }
        Map<DomainSubgraph, CachingGraphQLServer> servers = new EnumMap<>(DomainSubgraph.class);
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
        return new DomainFacades(servers);
    }

    /** Subgraph name to base address, e.g. {@code products -> http://127.0.0.1:4215}. */
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
        int[] ports = new int[DomainSubgraph.values().length];
        for (int i = 0; i < args.length && i < ports.length; i++) {
            ports[i] = Integer.parseInt(args[i]);
        }
        DomainFacades facades = start(ports);
        Runtime.getRuntime().addShutdownHook(new Thread(facades::close, "facades-shutdown"));
        facades.addresses().forEach((name, address) -> System.out.println(name + " " + address));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
