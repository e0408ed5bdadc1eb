package dev.fedbff.benchmarks.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Several benchmark subgraphs in one process, each a {@link CachingGraphQLServer} on its own port of 127.0.0.1.
 */
public final class SubgraphServers implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Map<String, CachingGraphQLServer> servers;

    private SubgraphServers(Map<String, CachingGraphQLServer> servers) {
        this.servers = servers;
    }

    /** Starts one server per subgraph, in the list's order; {@code ports} in that order, 0 for any free port. */
    public static SubgraphServers start(List<? extends Subgraph> subgraphs, int... ports) {
        if (ports.length != subgraphs.size()) {
            throw new IllegalArgumentException("give " + subgraphs.size() + " ports ("
                    + String.join(" ", subgraphs.stream().map(Subgraph::subgraphName).toList()) + "), got " + ports.length);
        }
        Map<String, CachingGraphQLServer> servers = new LinkedHashMap<>();
        List<CachingGraphQLServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                CachingGraphQLServer server = new CachingGraphQLServer(subgraphs.get(i).graphQL(), HOST, ports[i]);
                started.add(server);
                servers.put(subgraphs.get(i).subgraphName(), server);
            }
        } catch (RuntimeException e) {
            started.forEach(CachingGraphQLServer::close);
            throw e;
        }
        return new SubgraphServers(servers);
    }

    /**
     * The {@code main} of a subgraph process: starts the subgraphs on the ports in {@code args} (none: free ports), prints
     * one {@code <name> <address>} line per subgraph once all listen, then runs until killed.
     */
    public static void serve(List<? extends Subgraph> subgraphs, String[] args) throws InterruptedException {
        int[] ports = new int[subgraphs.size()];
        for (int i = 0; i < args.length && i < ports.length; i++) {
            ports[i] = Integer.parseInt(args[i]);
        }
        SubgraphServers servers = start(subgraphs, ports);
        Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "subgraphs-shutdown"));
        servers.addresses().forEach((name, address) -> System.out.println(name + " " + address));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Subgraph name to base address, e.g. {@code accounts -> http://127.0.0.1:4201}; POSTs go to {@code <address>/graphql}. */
    public Map<String, URI> addresses() {
        Map<String, URI> addresses = new LinkedHashMap<>();
        servers.forEach((name, server) -> addresses.put(name, URI.create("http://" + HOST + ":" + server.port())));
        return addresses;
    }

    @Override
    public void close() {
        servers.values().forEach(CachingGraphQLServer::close);
    }
}
