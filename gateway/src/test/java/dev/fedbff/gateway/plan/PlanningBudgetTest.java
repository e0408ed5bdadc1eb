package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.SchemaFile;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.compose.SupergraphComposer;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Planning one operation does bounded work: pathological schemas and operations end in a {@code QUERY_PLANNING_FAILED}
 * planning error, never in a stack overflow or a planner that does not return. (The timeouts only guard against a
 * hang; they are minutes, not a measure of speed.)
 */
class PlanningBudgetTest {

    static final Duration HANG = Duration.ofMinutes(2);
    static final String HEADER = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.3\", import: "
            + "[\"@key\", \"@shareable\", \"@external\", \"@requires\"])\n";

    @Test
    void anOperationNestedThousandsOfLevelsDeepIsAPlanningError() {
        Supergraph supergraph = new SupergraphComposer().compose(List.of(new SchemaFile("a.graphqls",
                HEADER + "type Query { node: Node } type Node @key(fields: \"id\") { id: ID! next: Node }")));
        Field field = Field.newField("id").build();
        for (int depth = 0; depth < 5_000; depth++) {
            field = Field.newField(depth == 4_999 ? "node" : "next").selectionSet(SelectionSet.newSelectionSet(List.of(field)).build()).build();
        }
        OperationDefinition query = OperationDefinition.newOperationDefinition().operation(OperationDefinition.Operation.QUERY)
                .selectionSet(SelectionSet.newSelectionSet(List.of(field)).build()).build();
        Operation operation = Operation.select(Document.newDocument().definition(query).build(), null);

        assertTimeoutPreemptively(HANG, () -> assertThatExceptionOfType(PlanningException.class)
                .isThrownBy(() -> new QueryPlanner(supergraph).plan(operation, RawVariables.emptyVariables()))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("QUERY_PLANNING_FAILED"))
                .withMessageContaining("nests deeper than"));
    }

    /**
     * Thirty subgraphs that each know the entity by another key, and need the next subgraph's key field to give their
     * own: every way to the field goes round the ring.
     */
    @Test
    void aRingOfKeysAndRequiresOverThirtySubgraphsIsAPlanningError() {
        List<SchemaFile> files = new ArrayList<>();
        files.add(new SchemaFile("entry.graphqls", HEADER + "type Query { items: [Item!]! } type Item @key(fields: \"k0\") { k0: ID! k1: ID! @shareable }"));
        for (int i = 1; i <= 30; i++) {
            int next = i % 30 + 1;
            files.add(new SchemaFile("s" + i + ".graphqls", HEADER + "type Item @key(fields: \"k" + i + "\") { k" + i + ": ID! @shareable "
                    + "k" + next + ": ID! @external v" + i + ": Int! @requires(fields: \"k" + next + "\") }"));
        }
        Supergraph supergraph = new SupergraphComposer().compose(files);
        String query = "{ items { " + IntStream.rangeClosed(1, 30).mapToObj(i -> "v" + i).collect(Collectors.joining(" ")) + " } }";

        assertTimeoutPreemptively(HANG, () -> assertThatExceptionOfType(PlanningException.class)
                .isThrownBy(() -> new QueryPlanner(supergraph).plan(Operation.select(Parser.parse(query), null), RawVariables.emptyVariables()))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("QUERY_PLANNING_FAILED")));
    }

    /** Twelve subgraphs that all resolve every field of a deep, wide operation: more choices than the step budget allows. */
    @Test
    void aSearchLargerThanTheStepBudgetIsAPlanningError() {
        List<SchemaFile> files = new ArrayList<>();
        String fields = IntStream.range(0, 8).mapToObj(i -> "f" + i + ": Int! @shareable").collect(Collectors.joining(" "));
        for (int i = 0; i < 12; i++) {
            files.add(new SchemaFile("s" + i + ".graphqls", HEADER + "type Query { root: Node @shareable } "
                    + "type Node @key(fields: \"id\") { id: ID! " + fields + " next: Node @shareable }"));
        }
        Supergraph supergraph = new SupergraphComposer().compose(files);
        String level = IntStream.range(0, 8).mapToObj(i -> "f" + i).collect(Collectors.joining(" "));
        StringBuilder query = new StringBuilder("{ root { ");
        for (int depth = 0; depth < 40; depth++) {
            query.append(level).append(" next { ");
        }
        query.append("id").append(" }".repeat(41)).append(" }");

        assertTimeoutPreemptively(HANG, () -> assertThatExceptionOfType(PlanningException.class)
                .isThrownBy(() -> new QueryPlanner(supergraph, 2_000).plan(Operation.select(Parser.parse(query.toString()), null), RawVariables.emptyVariables()))
                .withMessageContaining("more than 2000 steps"));
    }
}
