package dev.fedbff.gateway.compose;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.ObjectValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prints the subgraph schema files of a folder as an Apollo supergraph SDL ({@code @link} join v0.5, one
 * {@code join__Graph} value per subgraph, {@code @join__type}, {@code @join__field}, {@code @join__implements},
 * {@code @join__unionMember}, {@code @join__enumValue}, connectors as {@code @join__directive}), the file Apollo Router,
 * Hive Gateway and {@code fedbff.schema.supergraph} load. The files are composed first, so a folder that does not
 * compose throws the composition's errors.
 */
public final class SupergraphPrinter {

    private static final Set<String> KEPT_DIRECTIVES = Set.of("deprecated", "specifiedBy", "oneOf");

    private static final String PREAMBLE = """
            directive @join__directive(graphs: [join__Graph!], name: String!, args: join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION

            directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

            directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, contextArguments: [join__ContextArgument!]) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

            directive @join__graph(name: String!, url: String!) on ENUM_VALUE

            directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE

            directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

            directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

            directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

            input join__ContextArgument {
              name: String!
              type: String!
              context: String!
              selection: join__FieldValue!
            }

            scalar join__DirectiveArguments

            scalar join__FieldSet

            scalar join__FieldValue

            scalar link__Import

            enum link__Purpose {
              "`SECURITY` features provide metadata necessary to securely resolve fields."
              SECURITY

              "`EXECUTION` features provide metadata necessary for operation execution."
              EXECUTION
            }
            """;

    /** A spec whose directives the supergraph keeps on its elements, as Apollo's composition does, with its link and definitions. */
    private record Spec(String name, String link, String definitions) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("inaccessible", "@link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)",
                    "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION\n"),
            new Spec("authenticated", "@link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)",
                    "directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n"),
            new Spec("requiresScopes", "@link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)",
                    "directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n\nscalar requiresScopes__Scope\n"));

    private static final String TAG = """
            directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA
            """;

    private static final String COST = """
            directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR

            directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
            """;

    /** One subgraph file as the printer reads it: its graph's enum value and its type definitions by name. */
    private record Graph(String name, String enumValue, Document document, Map<String, TypeDefinition<?>> types) {
    }

    private final Supergraph supergraph;
    private final List<Graph> graphs = new ArrayList<>();
    private final java.util.Set<String> specsUsed = new java.util.LinkedHashSet<>();

    private SupergraphPrinter(Supergraph supergraph, List<SchemaFile> files) {
        this.supergraph = supergraph;
        for (SchemaFile file : files) {
            Document document = Parser.parse(file.text());
            Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof TypeDefinition<?> type) {
                    types.merge(type.getName(), type, SupergraphPrinter::mergeExtension);
                }
            }
            String name = file.subgraphName();
            graphs.add(new Graph(name, name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"), document, types));
        }
    }

    /**
     * The supergraph SDL of {@code files}.
     *
     * @param urls each subgraph's address as the router should call it; a subgraph not in it gets {@code http://NAME/graphql}
     * @throws CompositionException when the files do not compose
     */
    public static String print(List<SchemaFile> files, Map<String, URI> urls) {
        Supergraph supergraph = new SupergraphComposer().compose(files);
        return new SupergraphPrinter(supergraph, files).print(urls);
    }

    private String print(Map<String, URI> urls) {
        GraphQLSchema schema = supergraph.schema();
        Map<String, GraphQLNamedType> types = new TreeMap<>();
        schema.getAllTypesAsList().stream()
                .filter(type -> !type.getName().startsWith("__") && graphs.stream().anyMatch(g -> g.types().containsKey(type.getName())))
                .forEach(type -> types.put(type.getName(), type));
        List<String> printed = new ArrayList<>();
        types.values().forEach(type -> {
            if (type.getDefinition() instanceof TypeDefinition<?> merged) {
                printed.add(AstPrinter.printAst(joined(merged)));
            }
        });
        StringBuilder out = new StringBuilder();
        out.append(schemaDefinition(schema)).append("\n\n").append(PREAMBLE);
        SPECS.stream().filter(spec -> specsUsed.contains(spec.name())).forEach(spec -> out.append('\n').append(spec.definitions()));
        if (!supergraph.tags().isEmpty()) {
            out.append('\n').append(TAG);
        }
        if (!supergraph.costs().weights().isEmpty() || !supergraph.costs().listSizes().isEmpty()) {
            out.append('\n').append(COST);
        }
        out.append('\n').append(graphEnum(urls)).append('\n');
        printed.forEach(type -> out.append('\n').append(type).append('\n'));
        return out.toString();
    }

    private String schemaDefinition(GraphQLSchema schema) {
        StringBuilder out = new StringBuilder("schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n"
                + "  @link(url: \"https://specs.apollo.dev/join/v0.5\", for: EXECUTION)\n");
        SPECS.stream().filter(spec -> specsUsed.contains(spec.name())).forEach(spec -> out.append("  ").append(spec.link()).append('\n'));
        if (!supergraph.tags().isEmpty()) {
            out.append("  @link(url: \"https://specs.apollo.dev/tag/v0.3\")\n");
        }
        if (!supergraph.costs().weights().isEmpty() || !supergraph.costs().listSizes().isEmpty()) {
            out.append("  @link(url: \"https://specs.apollo.dev/cost/v0.1\", import: [\"@cost\", \"@listSize\"])\n");
        }
        List<String> restGraphs = graphs.stream().filter(g -> !sourceDirectives(g).isEmpty()).map(Graph::enumValue).toList();
        if (!restGraphs.isEmpty()) {
            out.append("  @link(url: \"https://specs.apollo.dev/connect/v0.3\", for: EXECUTION)\n");
            for (Graph graph : graphs) {
                for (Directive link : schemaDirectives(graph, "link")) {
                    if (string(link, "url").startsWith("https://specs.apollo.dev/connect/")) {
                        out.append("  ").append(joinDirective(List.of(graph.enumValue()), link)).append('\n');
                    }
                }
            }
            for (Graph graph : graphs) {
                for (Directive source : sourceDirectives(graph)) {
                    out.append("  ").append(joinDirective(List.of(graph.enumValue()), source)).append('\n');
                }
            }
        }
        out.append("{\n  query: ").append(schema.getQueryType().getName()).append('\n');
        if (schema.getMutationType() != null) {
            out.append("  mutation: ").append(schema.getMutationType().getName()).append('\n');
        }
        return out.append('}').toString();
    }

    private String graphEnum(Map<String, URI> urls) {
        StringBuilder out = new StringBuilder("enum join__Graph {\n");
        graphs.stream().sorted(java.util.Comparator.comparing(Graph::enumValue)).forEach(graph -> {
            URI url = urls.getOrDefault(graph.name(), URI.create("http://" + graph.name() + "/graphql"));
            out.append("  ").append(graph.enumValue()).append(" @join__graph(name: \"").append(graph.name()).append("\", url: \"")
                    .append(url).append("\")\n");
        });
        return out.append("}\n").toString();
    }

    /** The merged definition with the join directives of every subgraph that defines it, its fields and its values. */
    private TypeDefinition<?> joined(TypeDefinition<?> merged) {
        String name = merged.getName();
        List<Directive> directives = new ArrayList<>();
        for (Graph graph : graphs) {
            TypeDefinition<?> own = graph.types().get(name);
            if (own != null) {
                directives.addAll(joinTypes(graph, own, merged));
            }
        }
        for (Graph graph : graphs) {
            TypeDefinition<?> own = graph.types().get(name);
            if (own != null) {
                for (Directive connect : directives(own, "connect")) {
                    directives.add(parseDirective(joinDirective(List.of(graph.enumValue()), connect)));
                }
            }
        }
        directives.addAll(composed(graphs.stream().map(g -> g.types().get(name)).filter(java.util.Objects::nonNull).toList()));
        directives.addAll(tagsAndCosts(name));
        directives.addAll(kept(merged));
        if (merged instanceof ObjectTypeDefinition object) {
            return object.transform(b -> b.directives(directives).fieldDefinitions(object.getFieldDefinitions().stream().map(f -> joinedField(name, f)).toList()));
        }
        if (merged instanceof InterfaceTypeDefinition iface) {
            return iface.transform(b -> b.directives(directives).definitions(iface.getFieldDefinitions().stream().map(f -> joinedField(name, f)).toList()));
        }
        if (merged instanceof EnumTypeDefinition enumType) {
            return enumType.transform(b -> b.directives(directives).enumValueDefinitions(enumType.getEnumValueDefinitions().stream()
                    .map(value -> joinedEnumValue(name, value)).toList()));
        }
        if (merged instanceof InputObjectTypeDefinition input) {
            return input.transform(b -> b.directives(directives).inputValueDefinitions(input.getInputValueDefinitions().stream()
                    .map(field -> joinedInputField(name, field)).toList()));
        }
        if (merged instanceof UnionTypeDefinition union) {
            return union.transform(b -> b.directives(directives));
        }
        if (merged instanceof ScalarTypeDefinition scalar) {
            return scalar.transform(b -> b.directives(directives));
        }
        return merged;
    }

    /** {@code @join__type} per key (or one without), then {@code @join__implements} or {@code @join__unionMember}. */
    private List<Directive> joinTypes(Graph graph, TypeDefinition<?> own, TypeDefinition<?> merged) {
        List<Directive> directives = new ArrayList<>();
        boolean extension = own instanceof ObjectTypeExtensionDefinition || !directives(own, "extends").isEmpty();
        boolean interfaceObject = !directives(own, "interfaceObject").isEmpty();
        List<Directive> keys = directives(own, "key");
        if (keys.isEmpty()) {
            directives.add(joinType(graph, null, true, extension, interfaceObject));
        }
        for (Directive key : keys) {
            Argument resolvable = key.getArgument("resolvable");
            boolean isResolvable = resolvable == null || !(resolvable.getValue() instanceof BooleanValue b) || b.isValue();
            directives.add(joinType(graph, string(key, "fields"), isResolvable, extension, interfaceObject));
        }
        if (own instanceof ObjectTypeDefinition object && !interfaceObject) {
            object.getImplements().forEach(i -> directives.add(graphDirective("join__implements", graph, "interface", ((TypeName) i).getName())));
        }
        if (own instanceof InterfaceTypeDefinition iface) {
            iface.getImplements().forEach(i -> directives.add(graphDirective("join__implements", graph, "interface", ((TypeName) i).getName())));
        }
        if (own instanceof UnionTypeDefinition union && merged instanceof UnionTypeDefinition) {
            union.getMemberTypes().forEach(m -> directives.add(graphDirective("join__unionMember", graph, "member", ((TypeName) m).getName())));
        }
        return directives;
    }

    private static Directive joinType(Graph graph, String key, boolean resolvable, boolean extension, boolean interfaceObject) {
        List<Argument> arguments = new ArrayList<>();
        arguments.add(new Argument("graph", new EnumValue(graph.enumValue())));
        if (key != null) {
            arguments.add(new Argument("key", new StringValue(key)));
        }
        if (extension) {
            arguments.add(new Argument("extension", new BooleanValue(true)));
        }
        if (!resolvable) {
            arguments.add(new Argument("resolvable", new BooleanValue(false)));
        }
        if (interfaceObject) {
            arguments.add(new Argument("isInterfaceObject", new BooleanValue(true)));
        }
        return new Directive("join__type", arguments);
    }

    private static Directive graphDirective(String name, Graph graph, String argument, String value) {
        return new Directive(name, List.of(new Argument("graph", new EnumValue(graph.enumValue())), new Argument(argument, new StringValue(value))));
    }

    /** {@code @join__field} for every subgraph that defines the field, with what it says about it there. */
    private FieldDefinition joinedField(String type, FieldDefinition merged) {
        List<Directive> directives = new ArrayList<>();
        List<Directive> connects = new ArrayList<>();
        List<FieldDefinition> owns = new ArrayList<>();
        for (Graph graph : graphs) {
            FieldDefinition own = field(graph.types().get(type), merged.getName());
            if (own == null) {
                continue;
            }
            List<Argument> arguments = new ArrayList<>();
            arguments.add(new Argument("graph", new EnumValue(graph.enumValue())));
            fieldSet(own, "requires").ifPresent(fields -> arguments.add(new Argument("requires", new StringValue(fields))));
            fieldSet(own, "provides").ifPresent(fields -> arguments.add(new Argument("provides", new StringValue(fields))));
            if (!sameType(own.getType(), merged.getType())) {
                arguments.add(new Argument("type", new StringValue(AstPrinter.printAst(own.getType()))));
            }
            if (!directives(own, "external").isEmpty()) {
                arguments.add(new Argument("external", new BooleanValue(true)));
            }
            for (Directive override : directives(own, "override")) {
                arguments.add(new Argument("override", new StringValue(string(override, "from"))));
                if (override.getArgument("label") != null) {
                    arguments.add(new Argument("overrideLabel", new StringValue(string(override, "label"))));
                }
            }
            directives.add(new Directive("join__field", arguments));
            directives(own, "connect").forEach(connect -> connects.add(parseDirective(joinDirective(List.of(graph.enumValue()), connect))));
            owns.add(own);
        }
        if (directives.isEmpty()) {
            directives.add(new Directive("join__field"));   // no subgraph has it on this type: it comes through an @interfaceObject
        }
        directives.addAll(connects);
        directives.addAll(composed(owns));
        String coordinate = type + "." + merged.getName();
        directives.addAll(tagsAndCosts(coordinate));
        directives.addAll(kept(merged));
        return merged.transform(b -> b.directives(directives).inputValueDefinitions(merged.getInputValueDefinitions().stream()
                .map(argument -> argument.transform(a -> a.directives(concat(argument.getDirectives(),
                        tagsAndCosts(coordinate + "(" + argument.getName() + ":)"))))).toList()));
    }

    /**
     * The {@code @tag}s, {@code @cost} and {@code @listSize} of an element as the files declare them, so that a contract
     * ({@code fedbff.contract}) and cost limits read from this supergraph see what they see in the files.
     */
    private List<Directive> tagsAndCosts(String coordinate) {
        List<Directive> out = new ArrayList<>();
        new java.util.TreeSet<>(supergraph.tags().getOrDefault(coordinate, Set.of()))
                .forEach(tag -> out.add(new Directive("tag", List.of(new Argument("name", new StringValue(tag))))));
        Integer weight = supergraph.costs().weights().get(coordinate);
        if (weight != null) {
            out.add(new Directive("cost", List.of(new Argument("weight", new graphql.language.IntValue(java.math.BigInteger.valueOf(weight))))));
        }
        CostDirectives.ListSize listSize = supergraph.costs().listSizes().get(coordinate);
        if (listSize != null) {
            List<Argument> arguments = new ArrayList<>();
            if (listSize.assumedSize() != null) {
                arguments.add(new Argument("assumedSize", new graphql.language.IntValue(java.math.BigInteger.valueOf(listSize.assumedSize()))));
            }
            if (!listSize.slicingArguments().isEmpty()) {
                arguments.add(new Argument("slicingArguments", strings(listSize.slicingArguments())));
            }
            if (!listSize.sizedFields().isEmpty()) {
                arguments.add(new Argument("sizedFields", strings(listSize.sizedFields())));
            }
            arguments.add(new Argument("requireOneSlicingArgument", new BooleanValue(false)));
            out.add(new Directive("listSize", arguments));
        }
        return out;
    }

    private static graphql.language.ArrayValue strings(List<String> values) {
        return graphql.language.ArrayValue.newArrayValue().values(values.stream().<Value>map(StringValue::new).toList()).build();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private EnumValueDefinition joinedEnumValue(String type, EnumValueDefinition merged) {
        List<Directive> directives = new ArrayList<>();
        List<EnumValueDefinition> owns = new ArrayList<>();
        for (Graph graph : graphs) {
            if (graph.types().get(type) instanceof EnumTypeDefinition own) {
                own.getEnumValueDefinitions().stream().filter(v -> v.getName().equals(merged.getName())).findFirst().ifPresent(value -> {
                    directives.add(new Directive("join__enumValue", List.of(new Argument("graph", new EnumValue(graph.enumValue())))));
                    owns.add(value);
                });
            }
        }
        directives.addAll(composed(owns));
        directives.addAll(tagsAndCosts(type + "." + merged.getName()));
        directives.addAll(kept(merged));
        return merged.transform(b -> b.directives(directives));
    }

    /**
     * The directives of {@link #SPECS} on the element in any subgraph ({@code @inaccessible},
     * {@code @authenticated}, {@code @requiresScopes}), under their own names, each once.
     */
    private List<Directive> composed(List<? extends DirectivesContainer<?>> elements) {
        Map<String, Directive> found = new LinkedHashMap<>();
        for (DirectivesContainer<?> element : elements) {
            for (Directive directive : element.getDirectives()) {
                String name = plainName(directive.getName());
                if (SPECS.stream().anyMatch(spec -> spec.name().equals(name))) {
                    Directive renamed = directive.transform(b -> b.name(name));
                    found.putIfAbsent(AstPrinter.printAst(renamed), renamed);
                    specsUsed.add(name);
                }
            }
        }
        return List.copyOf(found.values());
    }

    private InputValueDefinition joinedInputField(String type, InputValueDefinition merged) {
        List<Directive> directives = new ArrayList<>();
        List<InputValueDefinition> owns = new ArrayList<>();
        for (Graph graph : graphs) {
            if (graph.types().get(type) instanceof InputObjectTypeDefinition own) {
                own.getInputValueDefinitions().stream().filter(f -> f.getName().equals(merged.getName())).findFirst().ifPresent(field -> {
                    directives.add(new Directive("join__field", List.of(new Argument("graph", new EnumValue(graph.enumValue())))));
                    owns.add(field);
                });
            }
        }
        directives.addAll(composed(owns));
        directives.addAll(tagsAndCosts(type + "." + merged.getName()));
        directives.addAll(kept(merged));
        return merged.transform(b -> b.directives(directives));
    }

    private static FieldDefinition field(TypeDefinition<?> type, String name) {
        List<FieldDefinition> fields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
        return fields.stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }

    private static java.util.Optional<String> fieldSet(FieldDefinition field, String directive) {
        return directives(field, directive).stream().findFirst().map(d -> string(d, "fields"));
    }

    private static boolean sameType(Type<?> a, Type<?> b) {
        return AstPrinter.printAst(a).equals(AstPrinter.printAst(b));
    }

    /** A subgraph directive as {@code @join__directive(graphs: [...], name: "...", args: {...})}, its arguments as they were. */
    private static String joinDirective(List<String> graphs, Directive directive) {
        List<ObjectField> args = directive.getArguments().stream().map(a -> new ObjectField(a.getName(), a.getValue())).toList();
        return "@join__directive(graphs: [" + String.join(", ", graphs) + "], name: \"" + plainName(directive.getName()) + "\", args: "
                + AstPrinter.printAst(ObjectValue.newObjectValue().objectFields(args).build()) + ")";
    }

    private static Directive parseDirective(String text) {
        Document document = Parser.parse("type T " + text + " { a: Int }");
        return ((ObjectTypeDefinition) document.getDefinitions().get(0)).getDirectives().get(0);
    }

    private static List<Directive> sourceDirectives(Graph graph) {
        return schemaDirectives(graph, "source");
    }

    private static List<Directive> schemaDirectives(Graph graph, String name) {
        List<Directive> found = new ArrayList<>();
        for (Definition<?> definition : graph.document().getDefinitions()) {
            if (definition instanceof SchemaDefinition schema) {
                found.addAll(schema.getDirectives().stream().filter(d -> plainName(d.getName()).equals(name)).toList());
            }
        }
        return found;
    }

    private static List<Directive> directives(NamedNode<?> element, String name) {
        if (!(element instanceof DirectivesContainer<?> container)) {
            return List.of();
        }
        return container.getDirectives().stream().filter(d -> plainName(d.getName()).equals(name)).toList();
    }

    private static List<Directive> kept(DirectivesContainer<?> element) {
        return element.getDirectives().stream().filter(d -> KEPT_DIRECTIVES.contains(d.getName())).toList();
    }

    /** {@code federation__key} and {@code connect__source} are {@code key} and {@code source}. */
    private static String plainName(String name) {
        int prefix = name.indexOf("__");
        return prefix > 0 ? name.substring(prefix + 2) : name;
    }

    private static String string(Directive directive, String argument) {
        Argument value = directive.getArgument(argument);
        if (value == null) {
            return "";
        }
        Value<?> v = value.getValue();
        return v instanceof StringValue s ? s.getValue() : AstPrinter.printAst(v);
    }

    /** {@code type T} and {@code extend type T} in one file are one definition. */
    private static TypeDefinition<?> mergeExtension(TypeDefinition<?> first, TypeDefinition<?> second) {
        if (first instanceof ObjectTypeDefinition a && second instanceof ObjectTypeDefinition b) {
            List<FieldDefinition> fields = new ArrayList<>(a.getFieldDefinitions());
            fields.addAll(b.getFieldDefinitions());
            List<Directive> directives = new ArrayList<>(a.getDirectives());
            directives.addAll(b.getDirectives());
            return a.transform(t -> t.fieldDefinitions(fields).directives(directives));
        }
        return first;
    }
}
