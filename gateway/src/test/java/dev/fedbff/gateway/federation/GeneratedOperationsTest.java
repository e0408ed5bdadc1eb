package dev.fedbff.gateway.federation;

import dev.fedbff.gateway.SchemaFixtures;
import dev.fedbff.gateway.compose.CompositionException;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import dev.fedbff.gateway.compose.SupergraphSdl;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.edge.GraphQLRequest;
import dev.fedbff.gateway.edge.GraphQLResponse;
import dev.fedbff.gateway.edge.OperationLimits;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.plan.FieldCollector;
import graphql.execution.RawVariables;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLImplementingType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated operations over the repository's {@code schema/} and every conformance case's supergraph, planned and
 * executed against in-process subgraphs that answer only what they own ({@link OwningSubgraphs}): no exception
 * escapes (no {@code INTERNAL_SERVER_ERROR}), every operation is planned (except over the cases built to be
 * unsatisfiable), no fetch asks a subgraph for a field it does not own or sends it a representation field it lacks,
 * and every string the client gets comes from a subgraph that has that field.
 */
class GeneratedOperationsTest {

    static final Path CASES = Path.of("src/test/resources/federation");
    static final int OPERATIONS_PER_GRAPH = 40;
    /** Limits no generated operation reaches: the operations test the planner, not the limits. */
    static final OperationLimits GENEROUS = OperationLimits.builder().maxAliases(10_000).maxFields(100_000).maxDepth(100).build();
    /** Cases whose graphs are built so that some fields cannot be planned. */
    static final List<String> UNSATISFIABLE = List.of("unsatisfiable", "planning-error", "is-an-error");

    static Stream<String> graphs() throws IOException {
        List<String> graphs = new ArrayList<>(List.of("schema"));
        try (Stream<Path> dirs = Files.list(CASES)) {
            dirs.filter(Files::isDirectory).filter(dir -> !Files.exists(dir.resolve("errors.txt")))
                    .map(dir -> dir.getFileName().toString()).sorted().forEach(graphs::add);
        }
        return graphs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void generatedOperationsArePlannedAndAnsweredOnlyByTheSubgraphsThatOwnTheirFields(String name) {
        Supergraph supergraph = supergraph(name);
        if (supergraph == null) {
            return;
        }
        OwningSubgraphs subgraphs = new OwningSubgraphs(supergraph);
        GraphQLGateway gateway = new GraphQLGateway(supergraph, new PlanExecutor(subgraphs), 1000, GENEROUS);
        OperationGenerator generator = new OperationGenerator(supergraph.apiSchema(), name.hashCode(), 5);
        boolean unsatisfiable = UNSATISFIABLE.stream().anyMatch(name::contains);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < OPERATIONS_PER_GRAPH; i++) {
            String query = generator.next();
            GraphQLResponse response = gateway.execute(new GraphQLRequest(query, null, RawVariables.emptyVariables()), RequestContext.NONE).block();
            String body = String.valueOf(response.body().toMap());
            if (response.status() != 200 || body.contains("INTERNAL_SERVER_ERROR") || !unsatisfiable && body.contains("QUERY_PLANNING_FAILED")) {
                problems.add(query + "\n  -> " + response.status() + " " + body);
            } else if (response.body().toMap().get("data") instanceof Map<?, ?> data) {
                new Owners(supergraph, query, problems).check(supergraph.schema().getQueryType(), data);
            }
        }
        problems.addAll(subgraphs.violations());
        assertThat(problems).as(name).isEmpty();
    }

    private static Supergraph supergraph(String name) {
        if (name.equals("schema")) {
            return SchemaFixtures.supergraph();
        }
        Path dir = CASES.resolve(name);
        if (Files.exists(dir.resolve("supergraph.graphql"))) {
            return SupergraphSdl.read("supergraph.graphql", SchemaFixtures.read(dir.resolve("supergraph.graphql")));
        }
        try {
            return new SupergraphComposer().compose(SchemaFixtures.files(dir));
        } catch (CompositionException e) {
            return null;
        }
    }

    /** Walks a response with its operation: each string field's value names a subgraph that has the field. */
    private static final class Owners {
        private final Supergraph supergraph;
        private final GraphQLSchema schema;
        private final FieldCollector collector;
        private final String query;
        private final List<String> problems;
        private final List<Field> root;

        Owners(Supergraph supergraph, String query, List<String> problems) {
            this.supergraph = supergraph;
            this.schema = supergraph.schema();
            OperationDefinition operation = Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).get(0);
            this.collector = new FieldCollector(schema, Map.<String, FragmentDefinition>of(), RawVariables.emptyVariables());
            this.query = query;
            this.problems = problems;
            this.root = List.of(Field.newField("").selectionSet(operation.getSelectionSet()).build());
        }

        void check(GraphQLObjectType type, Map<?, ?> data) {
            object(type, root, data);
        }

        private void object(GraphQLImplementingType type, List<Field> occurrences, Map<?, ?> value) {
            collector.collect(type, FieldCollector.subSelections(occurrences)).forEach((key, fields) -> {
                GraphQLFieldDefinition definition = fields.get(0).getName().startsWith("__") ? null : type.getFieldDefinition(fields.get(0).getName());
                if (definition != null) {
                    value(type, definition, fields, value.get(key));
                }
            });
        }

        private void value(GraphQLImplementingType parent, GraphQLFieldDefinition definition, List<Field> fields, Object value) {
            if (value instanceof List<?> list) {
                list.forEach(item -> value(parent, definition, fields, item));
                return;
            }
            GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
            if (value instanceof Map<?, ?> map) {
                GraphQLImplementingType concrete = type instanceof GraphQLObjectType object ? object
                        : map.get("__typename") instanceof String name && schema.getType(name) instanceof GraphQLObjectType object ? object : null;
                if (concrete != null) {
                    object(concrete, fields, map);
                }
                return;
            }
            if (value instanceof String answer && type instanceof graphql.schema.GraphQLScalarType scalar && scalar.getName().equals("String")
                    && !has(answer, parent.getName(), definition.getName())) {
                problems.add(query + "\n  -> " + parent.getName() + "." + definition.getName() + " answered by " + answer + ", which does not have it");
            }
        }

        private boolean has(String subgraphName, String type, String field) {
            if (supergraph.subgraphs().stream().noneMatch(s -> s.name().equals(subgraphName))) {
                return false;
            }
            Subgraph subgraph = supergraph.subgraph(subgraphName);
            String local = supergraph.localType(subgraphName, type);
            return subgraph.fields().getOrDefault(local, Map.of()).containsKey(field)
                    || schema.getType(type) instanceof GraphQLFieldsContainer && subgraph.fields().getOrDefault(type, Map.of()).containsKey(field);
        }
    }
}
