package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.plan.Operation;
import dev.fedbff.gateway.plan.QueryPlanner;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.RawVariables;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one supergraph version needs at request time, built once per version: the supergraph, its planner and the
 * introspection of its client schema. Immutable; {@link GraphQLGateway} holds the one that serves.
 */
record Engine(Supergraph supergraph, QueryPlanner planner, GraphQL introspection) {

    /** @param planningSteps how many search steps planning one operation may take before it is a planning error */
    static Engine of(Supergraph supergraph, int planningSteps) {
        return new Engine(supergraph, new QueryPlanner(supergraph, planningSteps), GraphQL.newGraphQL(supergraph.apiSchema()).build());
    }

    /**
     * Runs the operation's {@code __schema} and {@code __type} root fields with graphql-java on the public schema.
     * graphql-java's good-faith limit (one {@code __type} per query) is off: it nulls legitimate queries such as
     * two aliased {@code __type} lookups. graphql-java's result becomes JSON values here, once.
     */
    JsonObject introspect(Operation operation, RawVariables variables) {
        OperationDefinition definition = operation.definition();
        SelectionSet onlyIntrospection = SelectionSet.newSelectionSet(definition.getSelectionSet().getSelections().stream()
                .filter(s -> s instanceof Field f && (f.getName().equals("__schema") || f.getName().equals("__type"))).toList()).build();
        List<Definition> definitions = new ArrayList<>(operation.fragments().values());
        definitions.add(0, definition.transform(b -> b.selectionSet(onlyIntrospection)));
        Document document = Document.newDocument().definitions(definitions).build();
        graphql.ExecutionResult result = introspection.execute(ExecutionInput.newExecutionInput()
                .query(AstPrinter.printAst(document)).operationName(operation.name()).variables(variables.toMap())
                .graphQLContext(Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true)).build());
        Map<?, ?> data = result.getData();
        return data == null ? new JsonObject(0) : JsonObject.from(data);
    }
}
