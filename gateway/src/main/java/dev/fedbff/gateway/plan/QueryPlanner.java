package dev.fedbff.gateway.plan;

import dev.fedbff.gateway.compose.Connector;
import dev.fedbff.gateway.compose.Subgraph;
import dev.fedbff.gateway.compose.Supergraph;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an operation into a {@link QueryPlan}. Each field goes to the fetch of the subgraph already in use when
 * that subgraph can resolve it; otherwise the entity is handed over, by its key, to a child fetch of a subgraph
 * that can. Sibling fields owned by one subgraph share one child fetch, so each subgraph is called at most once
 * per entity path, and each fetch's children run in parallel.
 */
public final class QueryPlanner {

    private final Supergraph supergraph;

    public QueryPlanner(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    /** {@code variables} are read only by {@code @skip} and {@code @include}, which the plan resolves. */
    public QueryPlan plan(Operation operation, Map<String, Object> variables) {
        return new Planning(operation, new FieldCollector(supergraph.schema(), operation.fragments(), variables)).run();
    }

    /** The state of planning one operation. */
    private final class Planning {
        private final Operation operation;
        private final FieldCollector collector;
        private final List<Group> roots = new ArrayList<>();
        private final List<String> introspection = new ArrayList<>();
        private int nextId;

        Planning(Operation operation, FieldCollector collector) {
            this.operation = operation;
            this.collector = collector;
        }

        QueryPlan run() {
            GraphQLObjectType rootType = rootType();
            boolean sequential = operation.kind() == OperationDefinition.Operation.MUTATION;
            Map<String, List<Field>> fields = collector.collect(rootType, List.of(operation.definition().getSelectionSet()));
            fields.forEach((key, occurrences) -> planRootField(rootType, key, occurrences, sequential));
            List<FetchNode> nodes = roots.stream().map(this::build).toList();
            return new QueryPlan(sequential, nodes, List.copyOf(introspection));
        }

        private GraphQLObjectType rootType() {
            return switch (operation.kind()) {
                case QUERY -> supergraph.schema().getQueryType();
                case MUTATION -> {
                    if (supergraph.schema().getMutationType() == null) {
                        throw new PlanningException("MUTATIONS_UNSUPPORTED", "this graph defines no mutations");
                    }
                    yield supergraph.schema().getMutationType();
                }
                case SUBSCRIPTION -> throw new PlanningException("SUBSCRIPTIONS_UNSUPPORTED", "subscriptions are not supported yet; use a query");
            };
        }

        private void planRootField(GraphQLObjectType rootType, String key, List<Field> occurrences, boolean sequential) {
            String name = occurrences.get(0).getName();
            if (name.equals("__typename")) {
                return;
            }
            if (name.equals("__schema") || name.equals("__type")) {
                introspection.add(key);
                return;
            }
            List<String> owners = supergraph.resolvers(rootType.getName(), name);
            if (owners.isEmpty()) {
                throw new PlanningException("FIELD_NOT_RESOLVABLE", "no subgraph resolves " + rootType.getName() + "." + name);
            }
            Group group = rootGroup(owners.get(0), rootType.getName(), sequential);
            group.clientFields.add(key);
            addField(group, rootType, occurrences, List.of(), group.selection);
        }

        private Group rootGroup(String subgraph, String rootType, boolean sequential) {
            if (sequential) {
                Group last = roots.isEmpty() ? null : roots.get(roots.size() - 1);
                if (last != null && last.subgraph.equals(subgraph)) {
                    return last;
                }
            } else {
                for (Group root : roots) {
                    if (root.subgraph.equals(subgraph)) {
                        return root;
                    }
                }
            }
            Group group = new Group(subgraph, rootType, false, List.of(), null);
            roots.add(group);
            return group;
        }

        private void addField(Group group, GraphQLObjectType parent, List<Field> occurrences, List<String> path, SelectionBuilder target) {
            Field first = occurrences.get(0);
            GraphQLFieldDefinition definition = parent.getFieldDefinition(first.getName());
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
            boolean composite = unwrapped instanceof GraphQLCompositeType;
            SelectionBuilder.FieldBuilder field = target.field(first, composite);
            if (!composite) {
                return;
            }
            List<String> subPath = childPath(path, first.getResultKey(), definition.getType());
            List<SelectionSet> subSelections = FieldCollector.subSelections(occurrences);
            if (unwrapped instanceof GraphQLObjectType object) {
                placeAll(group, object, subSelections, subPath, field.sub);
                return;
            }
            field.sub.typename();
            Subgraph subgraph = supergraph.subgraph(group.subgraph);
            for (GraphQLObjectType possible : possibleTypes((GraphQLCompositeType) unwrapped)) {
                if (!subgraph.fields().containsKey(possible.getName())) {
                    continue;
                }
                Map<String, List<Field>> collected = collector.collect(possible, subSelections);
                if (!collected.isEmpty()) {
                    placeAll(group, possible, collected, subPath, field.sub.fragment(possible.getName()));
                }
            }
        }

        private List<GraphQLObjectType> possibleTypes(GraphQLCompositeType abstractType) {
            return supergraph.schema().getAllTypesAsList().stream()
                    .filter(t -> t instanceof GraphQLObjectType).map(t -> (GraphQLObjectType) t)
                    .filter(t -> supergraph.schema().isPossibleType((graphql.schema.GraphQLNamedType) abstractType, t)).toList();
        }

        private void placeAll(Group group, GraphQLObjectType type, List<SelectionSet> selections, List<String> path, SelectionBuilder target) {
            placeAll(group, type, collector.collect(type, selections), path, target);
        }

        private void placeAll(Group group, GraphQLObjectType type, Map<String, List<Field>> fields, List<String> path, SelectionBuilder target) {
            Subgraph subgraph = supergraph.subgraph(group.subgraph);
            fields.forEach((key, occurrences) -> {
                String name = occurrences.get(0).getName();
                if (name.equals("__typename")) {
                    target.field(occurrences.get(0), false);
                } else if (subgraph.resolves(type.getName(), name)) {
                    addField(group, type, occurrences, path, target);
                } else {
                    handOver(group, type, key, occurrences, path, target);
                }
            });
        }

        /** Moves a field the current subgraph cannot resolve into a child entity fetch of one that can. */
        private void handOver(Group group, GraphQLObjectType type, String key, List<Field> occurrences, List<String> path, SelectionBuilder target) {
            String typeName = type.getName();
            String fieldName = occurrences.get(0).getName();
            List<String> owners = supergraph.resolvers(typeName, fieldName).stream()
                    .filter(owner -> supergraph.key(owner, typeName) != null).toList();
            if (owners.isEmpty()) {
                throw new PlanningException("FIELD_NOT_RESOLVABLE", typeName + "." + fieldName + " cannot be reached from subgraph "
                        + group.subgraph + ": no subgraph that resolves it has a resolvable @key for " + typeName);
            }
            String owner = owners.stream().filter(o -> group.findChild(o, typeName, path) != null).findFirst().orElse(owners.get(0));
            SelectionSet keyFields = supergraph.key(owner, typeName);
            Subgraph current = supergraph.subgraph(group.subgraph);
            for (Field keyField : keyFields.getSelectionsOfType(Field.class)) {
                if (!current.resolves(typeName, keyField.getName())) {
                    throw new PlanningException("FIELD_NOT_RESOLVABLE", typeName + "." + fieldName + " needs the key field " + typeName + "."
                            + keyField.getName() + ", which subgraph " + group.subgraph + " does not resolve");
                }
            }
            target.typename();
            target.fieldSet(keyFields);
            Group child = group.child(owner, typeName, path, keyFields);
            if (!child.clientFields.contains(key)) {
                child.clientFields.add(key);
            }
            addField(child, type, occurrences, path, child.selection);
        }

        private FetchNode build(Group group) {
            int id = nextId++;
            SelectionSet selection = group.selection.build();
            List<String> variables = SubgraphOperations.variablesUsed(selection, operation.definition());
            String operationText = supergraph.subgraph(group.subgraph).rest() ? ""
                    : SubgraphOperations.print(operation, group.entity ? group.parentType : null, group.subgraph, id, selection, variables);
            SelectionSet requires = group.requires == null ? null : withTypename(group.requires);
            List<FetchNode> children = group.children.stream().map(this::build).toList();
            return new FetchNode(id, group.subgraph, group.parentType, group.entity, group.path, requires, selection,
                    List.copyOf(group.clientFields), operationText, variables, connectors(group, selection), children);
        }

        private Map<String, Connector> connectors(Group group, SelectionSet selection) {
            Subgraph subgraph = supergraph.subgraph(group.subgraph);
            if (!subgraph.rest()) {
                return Map.of();
            }
            Map<String, Connector> connectors = new LinkedHashMap<>();
            if (group.entity) {
                connectors.put(group.parentType, subgraph.entityConnectors().get(group.parentType));
                return connectors;
            }
            for (Field field : selection.getSelectionsOfType(Field.class)) {
                Connector connector = subgraph.rootConnectors().get(group.parentType + "." + field.getName());
                if (connector != null) {
                    connectors.put(field.getResultKey(), connector);
                }
            }
            return connectors;
        }
    }

    private static SelectionSet withTypename(SelectionSet key) {
        List<graphql.language.Selection> selections = new ArrayList<>();
        selections.add(Field.newField("__typename").build());
        selections.addAll(key.getSelections());
        return SelectionSet.newSelectionSet(selections).build();
    }

    private static List<String> childPath(List<String> path, String key, GraphQLType type) {
        List<String> child = new ArrayList<>(path);
        child.add(key);
        GraphQLType current = type;
        while (current instanceof GraphQLNonNull || current instanceof GraphQLList) {
            if (current instanceof GraphQLList) {
                child.add("@");
            }
            current = GraphQLTypeUtil.unwrapOne(current);
        }
        return List.copyOf(child);
    }

    /** A fetch under construction. */
    private static final class Group {
        final String subgraph;
        final String parentType;
        final boolean entity;
        final List<String> path;
        final SelectionSet requires;
        final SelectionBuilder selection = new SelectionBuilder();
        final List<String> clientFields = new ArrayList<>();
        final List<Group> children = new ArrayList<>();

        Group(String subgraph, String parentType, boolean entity, List<String> path, SelectionSet requires) {
            this.subgraph = subgraph;
            this.parentType = parentType;
            this.entity = entity;
            this.path = path;
            this.requires = requires;
        }

        Group findChild(String subgraph, String type, List<String> path) {
            return children.stream().filter(c -> c.subgraph.equals(subgraph) && c.parentType.equals(type) && c.path.equals(path))
                    .findFirst().orElse(null);
        }

        Group child(String subgraph, String type, List<String> path, SelectionSet key) {
            Group existing = findChild(subgraph, type, path);
            if (existing != null) {
                return existing;
            }
            Group child = new Group(subgraph, type, true, path, key);
            children.add(child);
            return child;
        }
    }
}
