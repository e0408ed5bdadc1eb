package dev.fedbff.gateway.compose;

import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which part of the composed graph one BFF serves, chosen by {@code @tag} names as Apollo's contracts choose it:
 * an element tagged with an excluded name is left out; with included names, an object or interface field is kept only
 * when it or its type carries one (and a union only when it does); exclusion wins. A field whose type is left out
 * goes too, a type left without fields, values or members goes, and so does every type no client can reach any more.
 * A required argument or input field cannot be left out while its field or input type stays, and {@code Query} must
 * keep a field: either stops start-up with a {@link ContractException}.
 *
 * <p>The contract narrows only the schema clients see ({@link Supergraph#apiSchema()}): validation and introspection
 * use it, so a hidden field is an unknown field and is never planned or fetched; keys and {@code @requires} fields
 * the planner needs stay in the whole schema.
 *
 * @param include tag names an element needs to be served; empty serves every element not excluded
 * @param exclude tag names that hide an element
 */
public record Contract(Set<String> include, Set<String> exclude) {

    /** No contract: the whole API schema. */
    public static final Contract NONE = new Contract(Set.of(), Set.of());

    private static final Set<String> BUILT_IN_SCALARS = Set.of("String", "Int", "Float", "Boolean", "ID");

    public Contract {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    public boolean isNone() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** The supergraph with its API schema narrowed to this contract; itself when there is no contract. */
    public Supergraph apply(Supergraph supergraph) {
        if (isNone()) {
            return supergraph;
        }
        return supergraph.withApiSchema(new Narrowing(supergraph).schema());
    }

    @Override
    public String toString() {
        return "include " + new TreeSet<>(include) + ", exclude " + new TreeSet<>(exclude);
    }

    /** One narrowing of one API schema: what is left out, by type name or coordinate, then the schema without it. */
    private final class Narrowing {

        private final Supergraph supergraph;
        private final GraphQLSchema api;
        private final Set<String> hidden = new HashSet<>();
        private final SortedSet<String> problems = new TreeSet<>();

        Narrowing(Supergraph supergraph) {
            this.supergraph = supergraph;
            this.api = supergraph.apiSchema();
        }

        GraphQLSchema schema() {
            types().forEach(this::hideTagged);
            while (cascade()) {
                // each round hides what lost its type, fields, values or members in the round before
            }
            Set<String> reachable = reachable();
            types().forEach(type -> {
                if (!reachable.contains(type.getName())) {
                    hidden.add(type.getName());
                }
            });
            types().forEach(this::checkRequired);
            if (hidden.contains(api.getQueryType().getName())) {
                problems.add("CONTRACT_EMPTY_QUERY: the contract (" + Contract.this + ") leaves Query without fields");
            }
            if (!problems.isEmpty()) {
                throw new ContractException(List.copyOf(problems));
            }
            return build();
        }

        private List<GraphQLNamedType> types() {
            return api.getAllTypesAsList().stream()
                    .filter(t -> !t.getName().startsWith("__") && !BUILT_IN_SCALARS.contains(t.getName())).toList();
        }

        private boolean tagged(String coordinate, Set<String> names) {
            Set<String> tags = supergraph.tags().getOrDefault(coordinate, Set.of());
            return tags.stream().anyMatch(names::contains);
        }

        private boolean excluded(String coordinate) {
            return tagged(coordinate, exclude);
        }

        private void hideTagged(GraphQLNamedType type) {
            String name = type.getName();
            if (excluded(name) || type instanceof GraphQLUnionType && !include.isEmpty() && !tagged(name, include)) {
                hidden.add(name);
            }
            if (type instanceof GraphQLFieldsContainer container) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    String coordinate = name + "." + field.getName();
                    boolean included = include.isEmpty() || tagged(coordinate, include) || tagged(name, include);
                    if (excluded(coordinate) || !included) {
                        hidden.add(coordinate);
                    }
                    field.getArguments().stream().map(a -> coordinate + "(" + a.getName() + ":)").filter(this::excluded).forEach(hidden::add);
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                input.getFieldDefinitions().stream().map(f -> name + "." + f.getName()).filter(this::excluded).forEach(hidden::add);
            }
            if (type instanceof GraphQLEnumType enumType) {
                enumType.getValues().stream().map(v -> name + "." + v.getName()).filter(this::excluded).forEach(hidden::add);
            }
        }

        /** Hides what lost its type or all its parts; true when anything new was hidden. */
        private boolean cascade() {
            int before = hidden.size();
            for (GraphQLNamedType type : types()) {
                String name = type.getName();
                if (hidden.contains(name)) {
                    continue;
                }
                if (type instanceof GraphQLFieldsContainer container) {
                    for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                        String coordinate = name + "." + field.getName();
                        if (hidden.contains(named(field.getType()))) {
                            hidden.add(coordinate);
                        }
                        field.getArguments().stream().filter(a -> hidden.contains(named(a.getType())))
                                .forEach(a -> hidden.add(coordinate + "(" + a.getName() + ":)"));
                    }
                    hideWhenEmpty(name, container.getFieldDefinitions().stream().map(f -> name + "." + f.getName()).toList());
                } else if (type instanceof GraphQLUnionType union) {
                    hideWhenEmpty(name, union.getTypes().stream().map(GraphQLNamedType::getName).toList());
                } else if (type instanceof GraphQLInputObjectType input) {
                    input.getFieldDefinitions().stream().filter(f -> hidden.contains(named(f.getType())))
                            .forEach(f -> hidden.add(name + "." + f.getName()));
                    hideWhenEmpty(name, input.getFieldDefinitions().stream().map(f -> name + "." + f.getName()).toList());
                } else if (type instanceof GraphQLEnumType enumType) {
                    hideWhenEmpty(name, enumType.getValues().stream().map(v -> name + "." + v.getName()).toList());
                }
            }
            return hidden.size() > before;
        }

        private void hideWhenEmpty(String type, List<String> parts) {
            if (hidden.containsAll(parts)) {
                hidden.add(type);
            }
        }

        /** The types a client can still reach from the root types, through fields, arguments, members and implementations. */
        private Set<String> reachable() {
            Set<String> reached = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>();
            for (GraphQLObjectType root : new GraphQLObjectType[]{api.getQueryType(), api.getMutationType(), api.getSubscriptionType()}) {
                if (root != null && !hidden.contains(root.getName())) {
                    queue.add(root.getName());
                }
            }
            while (!queue.isEmpty()) {
                String name = queue.poll();
                if (!reached.add(name) || !(api.getType(name) instanceof GraphQLNamedType type)) {
                    continue;
                }
                referencedBy(type).stream().filter(t -> !hidden.contains(t) && !reached.contains(t)).forEach(queue::add);
            }
            return reached;
        }

        private List<String> referencedBy(GraphQLNamedType type) {
            List<String> referenced = new ArrayList<>();
            String name = type.getName();
            if (type instanceof GraphQLFieldsContainer container) {
                container.getFieldDefinitions().stream().filter(f -> !hidden.contains(name + "." + f.getName())).forEach(field -> {
                    referenced.add(named(field.getType()));
                    field.getArguments().stream().filter(a -> !hidden.contains(name + "." + field.getName() + "(" + a.getName() + ":)"))
                            .forEach(a -> referenced.add(named(a.getType())));
                });
                if (!(type instanceof GraphQLObjectType)) {
                    api.getImplementations((graphql.schema.GraphQLInterfaceType) type).forEach(o -> referenced.add(o.getName()));
                }
            }
            if (type instanceof GraphQLUnionType union) {
                union.getTypes().forEach(member -> referenced.add(member.getName()));
            }
            if (type instanceof GraphQLInputObjectType input) {
                input.getFieldDefinitions().stream().filter(f -> !hidden.contains(name + "." + f.getName()))
                        .forEach(f -> referenced.add(named(f.getType())));
            }
            return referenced;
        }

        /** A required argument or input field must not go while its field or input type stays. */
        private void checkRequired(GraphQLNamedType type) {
            String name = type.getName();
            if (hidden.contains(name)) {
                return;
            }
            if (type instanceof GraphQLFieldsContainer container) {
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    String coordinate = name + "." + field.getName();
                    if (hidden.contains(coordinate)) {
                        continue;
                    }
                    for (GraphQLArgument argument : field.getArguments()) {
                        if (hidden.contains(coordinate + "(" + argument.getName() + ":)") && required(argument.getType(), argument.hasSetDefaultValue())) {
                            problems.add("CONTRACT_REQUIRED_ARGUMENT: the contract (" + Contract.this + ") hides the required argument "
                                    + coordinate + "(" + argument.getName() + ":) but not " + coordinate + "; tag the field too");
                        }
                    }
                }
            }
            if (type instanceof GraphQLInputObjectType input) {
                for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                    if (hidden.contains(name + "." + field.getName()) && required(field.getType(), field.hasSetDefaultValue())) {
                        problems.add("CONTRACT_REQUIRED_INPUT_FIELD: the contract (" + Contract.this + ") hides the required input field "
                                + name + "." + field.getName() + " but not " + name + "; tag the input type too");
                    }
                }
            }
        }

        private static boolean required(GraphQLInputType type, boolean hasDefault) {
            return type instanceof GraphQLNonNull && !hasDefault;
        }

        private static String named(GraphQLType type) {
            return ((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type)).getName();
        }

        /** The API schema printed, read back without the hidden elements, and built again. */
        private GraphQLSchema build() {
            String sdl = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(d -> d.equals("deprecated")
                    || d.equals("specifiedBy") || d.equals("oneOf")).includeSchemaDefinition(true)).print(api);
            Document printed = Parser.parse(sdl);
            List<graphql.language.Definition> kept = new ArrayList<>();
            for (graphql.language.Definition<?> definition : printed.getDefinitions()) {
                if (definition instanceof TypeDefinition<?> type) {
                    if (!hidden.contains(type.getName())) {
                        kept.add(narrowed(type));
                    }
                } else if (!(definition instanceof graphql.language.DirectiveDefinition)) {
                    kept.add(definition instanceof graphql.language.SchemaDefinition schema ? withoutHiddenRoots(schema) : definition);
                }
            }
            try {
                return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(Document.newDocument().definitions(kept).build()));
            } catch (SchemaProblem problem) {
                throw new ContractException(List.of("CONTRACT_INVALID_SCHEMA: the contract (" + Contract.this + ") leaves a schema that does not build: "
                        + problem.getMessage()));
            }
        }

        private graphql.language.SchemaDefinition withoutHiddenRoots(graphql.language.SchemaDefinition schema) {
            return schema.transform(b -> b.operationTypeDefinitions(schema.getOperationTypeDefinitions().stream()
                    .filter(o -> !hidden.contains(o.getTypeName().getName())).toList()));
        }

        private TypeDefinition<?> narrowed(TypeDefinition<?> type) {
            String name = type.getName();
            if (type instanceof ObjectTypeDefinition object) {
                return object.transform(b -> b.fieldDefinitions(fields(name, object.getFieldDefinitions())).implementz(visible(object.getImplements())));
            }
            if (type instanceof InterfaceTypeDefinition iface) {
                return iface.transform(b -> b.definitions(fields(name, iface.getFieldDefinitions())).implementz(visible(iface.getImplements())));
            }
            if (type instanceof UnionTypeDefinition union) {
                return union.transform(b -> b.memberTypes(visible(union.getMemberTypes())));
            }
            if (type instanceof InputObjectTypeDefinition input) {
                return input.transform(b -> b.inputValueDefinitions(input.getInputValueDefinitions().stream()
                        .filter(f -> !hidden.contains(name + "." + f.getName())).toList()));
            }
            if (type instanceof EnumTypeDefinition enumType) {
                return enumType.transform(b -> b.enumValueDefinitions(enumType.getEnumValueDefinitions().stream()
                        .filter(v -> !hidden.contains(name + "." + v.getName())).toList()));
            }
            return type;
        }

        private List<FieldDefinition> fields(String type, List<FieldDefinition> fields) {
            return fields.stream().filter(f -> !hidden.contains(type + "." + f.getName()))
                    .map(f -> f.transform(b -> b.inputValueDefinitions(arguments(type + "." + f.getName(), f.getInputValueDefinitions())))).toList();
        }

        private List<InputValueDefinition> arguments(String field, List<InputValueDefinition> arguments) {
            return arguments.stream().filter(a -> !hidden.contains(field + "(" + a.getName() + ":)")).toList();
        }

        private List<Type> visible(List<Type> types) {
            return types.stream().filter(t -> !hidden.contains(((TypeName) t).getName())).toList();
        }
    }
}
