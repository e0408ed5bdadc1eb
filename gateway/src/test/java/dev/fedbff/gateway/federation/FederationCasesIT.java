package dev.fedbff.gateway.federation;

import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.compose.CompositionError;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphSdl;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.connect.GraphQLOverHttpConnector;
import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.FetchHeaders;
import dev.fedbff.gateway.connect.IdentityHeaders;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.connect.RestConnector;
import dev.fedbff.gateway.connect.RoutingConnector;
import dev.fedbff.gateway.connect.StaticServiceLocator;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.edge.GraphQLRequest;
import dev.fedbff.gateway.edge.GraphQLResponse;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.PlanningException;
import graphql.execution.RawVariables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federation conformance, one folder per case under {@code src/test/resources/federation/}: the subgraph SDLs
 * ({@code <name>.graphqls}) and their data ({@code <name>.json}), an {@code operation.graphql} and optional
 * {@code variables.json}. Each subgraph runs as a real GraphQL server on port 0, or, when its SDL binds it to REST
 * endpoints with {@code @connect}, as a real HTTP server answering GETs from its data ({@link DataSubgraph}); an
 * optional {@code supergraph.graphql} composed by Apollo ({@code scripts/apollo-supergraph.sh}) is served instead of
 * composing the SDLs. The case pins the printed plan
 * ({@code plan.txt}), every request each subgraph received ({@code calls.txt}) and the client's response
 * ({@code response.json}, compared as JSON: key order free, list order and nulls strict). A case with
 * {@code errors.txt} instead pins the exact composition errors. {@code -Dgolden.update=true} rewrites the expected
 * files; review the diff.
 */
class FederationCasesIT {

    static final Path CASES = Path.of("src/test/resources/federation");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseMatchesItsGoldenFiles(String name) throws IOException {
        Path dir = CASES.resolve(name);
        List<SchemaFile> files = schemaFiles(dir);
        if (Files.exists(dir.resolve("errors.txt"))) {
            assertGolden(dir.resolve("errors.txt"), compositionErrors(files));
            return;
        }
        Supergraph supergraph = supergraph(dir, files);
        List<DataSubgraph> subgraphs = start(dir, files);
        try {
            GraphQLRequest request = request(dir);
            GraphQLGateway gateway = gateway(supergraph, subgraphs);
            assertGolden(dir.resolve("plan.txt"), printedPlan(gateway, request));
            GraphQLResponse response = gateway.execute(request, RequestContext.NONE).block();
            assertGolden(dir.resolve("calls.txt"), calls(subgraphs));
            assertJsonGolden(dir.resolve("response.json"), response.body().toMap());
        } finally {
            subgraphs.forEach(DataSubgraph::close);
        }
    }

    private static Supergraph supergraph(Path dir, List<SchemaFile> files) {
        Path supergraph = dir.resolve("supergraph.graphql");
        if (Files.exists(supergraph)) {
            return SupergraphSdl.read(supergraph.getFileName().toString(), read(supergraph));
        }
        return new SupergraphComposer().compose(files);
    }

    private static String printedPlan(GraphQLGateway gateway, GraphQLRequest request) {
        try {
            return gateway.plan(request).toString();
        } catch (PlanningException e) {
            return "no plan: " + e.code() + ": " + e.getMessage() + "\n";
        }
    }

    private static String compositionErrors(List<SchemaFile> files) {
        try {
            new SupergraphComposer().compose(files);
            return "composes without errors\n";
        } catch (CompositionException e) {
            return e.errors().stream().map(CompositionError::toString).collect(Collectors.joining("\n", "", "\n"));
        }
    }

    private static List<SchemaFile> schemaFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.filter(p -> p.toString().endsWith(".graphqls")).sorted()
                    .map(p -> new SchemaFile(p.getFileName().toString(), read(p))).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<DataSubgraph> start(Path dir, List<SchemaFile> files) throws IOException {
        List<DataSubgraph> subgraphs = new ArrayList<>();
        for (SchemaFile file : files) {
            Path dataFile = dir.resolve(file.subgraphName() + ".json");
            Map<String, Object> data = Files.exists(dataFile) ? (Map<String, Object>) Json.read(Files.readAllBytes(dataFile)) : Map.of();
            subgraphs.add(new DataSubgraph(file.subgraphName(), file.text(), data));
        }
        return subgraphs;
    }

    private static GraphQLGateway gateway(Supergraph supergraph, List<DataSubgraph> subgraphs) {
        Map<String, URI> addresses = new LinkedHashMap<>();
        for (int i = 0; i < subgraphs.size(); i++) {
            addresses.put(supergraph.subgraphs().stream().map(s -> s.name()).sorted().toList().get(i), subgraphs.get(i).address());
        }
        StaticServiceLocator locator = new StaticServiceLocator(addresses);
        BackendCaller backends = new BackendCaller(HttpClient.create(), locator, java.time.Clock.systemUTC());
        FetchHeaders headers = new FetchHeaders(IdentityHeaders.DEFAULT, java.util.Set.of());
        RoutingConnector connector = new RoutingConnector(new GraphQLOverHttpConnector(backends, headers), new RestConnector(backends, headers));
        return new GraphQLGateway(supergraph, new PlanExecutor(connector), 100);
    }

    @SuppressWarnings("unchecked")
    private static GraphQLRequest request(Path dir) throws IOException {
        Path variables = dir.resolve("variables.json");
        Map<String, Object> values = Files.exists(variables) ? (Map<String, Object>) Json.read(Files.readAllBytes(variables)) : Map.of();
        return new GraphQLRequest(read(dir.resolve("operation.graphql")), null, RawVariables.of(values));
    }

    /** Every request per subgraph, subgraphs in name order, each subgraph's requests sorted so parallel calls print stably. */
    private static String calls(List<DataSubgraph> subgraphs) {
        StringBuilder out = new StringBuilder();
        subgraphs.stream().flatMap(s -> s.calls().stream().sorted(Comparator.comparing(DataSubgraph.Call::query)
                        .thenComparing(c -> new String(Json.write(c.variables()), StandardCharsets.UTF_8))))
                .forEach(call -> out.append(call.subgraph()).append(": ").append(call.query()).append('\n')
                        .append("  variables: ").append(new String(Json.write(call.variables()), StandardCharsets.UTF_8)).append('\n'));
        return out.toString();
    }

    private static void assertGolden(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expected, actual);
        }
        assertThat(actual).as(expected.toString()).isEqualTo(read(expected));
    }

    private static void assertJsonGolden(Path expected, Map<String, Object> actual) throws IOException {
        if (UPDATE && !(Files.exists(expected) && actual.equals(Json.read(Files.readAllBytes(expected))))) {
            Files.writeString(expected, pretty(actual));
        }
        assertThat(actual).as(expected.toString()).isEqualTo(Json.read(Files.readAllBytes(expected)));
    }

    private static String pretty(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }
}
