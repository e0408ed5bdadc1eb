package dev.fedbff.gateway.compose;

import graphql.language.Argument;
import graphql.language.ArrayValue;
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
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a supergraph SDL composed by Apollo ({@code @link} join v0.3–v0.5, {@code join__*} directives,
 * {@code join__Graph} URLs) back into one Federation 2 subgraph schema per graph, so the BFF composes and plans it
 * exactly as it would the same subgraphs from {@code schema/}. Connectors ({@code @join__directive} of
 * {@code @source}/{@code @connect}) come back as the subgraph's own directives; an interface with
 * {@code @join__type(graph: G, isInterfaceObject: true)} comes back in G as an object type with {@code @interfaceObject}.
 */
public final class SupergraphSdl {

    private static final String FEDERATION_LINK = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.9\", import: "
            + "[\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", \"@inaccessible\", \"@interfaceObject\"])";

    /** The subgraphs of a supergraph and the URL each was composed with. */
    public record Extracted(List<SchemaFile> subgraphs, Map<String, URI> urls) {
    }

    private final String path;
    private final Document document;
    private final Map<String, String> graphNames = new LinkedHashMap<>();
    private final Map<String, URI> urls = new LinkedHashMap<>();

    private SupergraphSdl(String path, Document document) {
        this.path = path;
        this.document = document;
    }

    /**
     * @param path how errors name the file
     * @throws CompositionException when the text is not a supergraph this reader understands
     */
    public static Extracted extract(String path, String text) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLine();
            throw new CompositionException(List.of(new CompositionError(path, line, 0, "INVALID_SUPERGRAPH", "syntax error: " + e.getMessage())));
        }
        return new SupergraphSdl(path, document).extract();
    }

    private Extracted extract() {
        readGraphs();
        List<SchemaFile> files = new ArrayList<>();
        Map<String, Set<String>> resolvedIn = resolvedIn();
        graphNames.forEach((enumName, name) -> files.add(new SchemaFile(path + "/" + name + ".graphqls", subgraph(enumName, resolvedIn))));
        return new Extracted(files, urls);
    }

    private void readGraphs() {
        EnumTypeDefinition graphs = document.getDefinitionsOfType(EnumTypeDefinition.class).stream()
                .filter(e -> e.getName().equals("join__Graph")).findFirst()
                .orElseThrow(() -> new CompositionException(List.of(new CompositionError(path, 1, 1, "INVALID_SUPERGRAPH",
                        "no join__Graph enum: this is not a supergraph composed by Apollo (join v0.3 or later)"))));
        for (EnumValueDefinition graph : graphs.getEnumValueDefinitions()) {
            Directive joinGraph = graph.getDirectives("join__graph").stream().findFirst().orElse(null);
            String name = joinGraph == null ? graph.getName().toLowerCase() : string(joinGraph, "name");
            graphNames.put(graph.getName(), name);
            String url = joinGraph == null ? null : string(joinGraph, "url");
            if (url != null && !url.isBlank()) {
                urls.put(name, URI.create(url));
            }
        }
    }

    /** For each {@code Type.field}, the graphs that resolve it (not as {@code @external}): shared ones get {@code @shareable}. */
    private Map<String, Set<String>> resolvedIn() {
        Map<String, Set<String>> resolvedIn = new LinkedHashMap<>();
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            List<FieldDefinition> typeFields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                    : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
            List<String> typeGraphs = graphsOf(type);
            for (FieldDefinition field : typeFields) {
                Set<String> graphs = new HashSet<>();
                List<Directive> joins = field.getDirectives("join__field");
                if (joins.isEmpty()) {
                    graphs.addAll(typeGraphs);
                }
                joins.stream().filter(j -> !bool(j, "external") && !bool(j, "usedOverridden") && enumArg(j, "graph") != null)
                        .forEach(j -> graphs.add(enumArg(j, "graph")));
                resolvedIn.put(type.getName() + "." + field.getName(), graphs);
            }
        }
        return resolvedIn;
    }

    private String subgraph(String graph, Map<String, Set<String>> resolvedIn) {
        StringBuilder out = new StringBuilder(FEDERATION_LINK).append('\n');
        out.append(connectorSchemaDirectives(graph));
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            if (isMachinery(type.getName()) || !inGraph(type, graph)) {
                continue;
            }
            TypeDefinition<?> extracted = extractType(type, graph, resolvedIn);
            if (extracted != null) {
                out.append('\n').append(AstPrinter.printAst(extracted)).append('\n');
            }
        }
        return out.toString();
    }

    private String connectorSchemaDirectives(String graph) {
        StringBuilder out = new StringBuilder();
        for (Definition<?> definition : document.getDefinitions()) {
            if (!(definition instanceof SchemaDefinition schema)) {
                continue;
            }
            for (Directive directive : joinDirectives(schema, graph)) {
                out.append("extend schema ").append(AstPrinter.printAst(directive)).append('\n');
            }
        }
        return out.toString();
    }

    private TypeDefinition<?> extractType(TypeDefinition<?> type, String graph, Map<String, Set<String>> resolvedIn) {
        if (type instanceof ObjectTypeDefinition object) {
            List<FieldDefinition> fields = fields(object.getName(), object.getFieldDefinitions(), graph, resolvedIn);
            if (fields.isEmpty()) {
                return null;
            }
            return ObjectTypeDefinition.newObjectTypeDefinition().name(object.getName()).description(object.getDescription())
                    .implementz(implementsIn(object, graph)).directives(typeDirectives(object, graph)).fieldDefinitions(fields).build();
        }
        if (type instanceof InterfaceTypeDefinition iface && isInterfaceObject(iface, graph)) {
            return ObjectTypeDefinition.newObjectTypeDefinition().name(iface.getName()).description(iface.getDescription())
                    .directives(typeDirectives(iface, graph)).fieldDefinitions(fields(iface.getName(), iface.getFieldDefinitions(), graph, resolvedIn)).build();
        }
        if (type instanceof InterfaceTypeDefinition iface) {
            return InterfaceTypeDefinition.newInterfaceTypeDefinition().name(iface.getName()).description(iface.getDescription())
                    .implementz(implementsIn(iface, graph)).directives(typeDirectives(iface, graph))
                    .definitions(fields(iface.getName(), iface.getFieldDefinitions(), graph, resolvedIn)).build();
        }
        if (type instanceof UnionTypeDefinition union) {
            List<Type> members = new ArrayList<>();
            union.getDirectives("join__unionMember").stream().filter(m -> graph.equals(enumArg(m, "graph")))
                    .forEach(m -> members.add(TypeName.newTypeName(string(m, "member")).build()));
            if (union.getDirectives("join__unionMember").isEmpty()) {
                members.addAll(union.getMemberTypes());
            }
            return members.isEmpty() ? null : UnionTypeDefinition.newUnionTypeDefinition().name(union.getName())
                    .description(union.getDescription()).directives(kept(union)).memberTypes(members).build();
        }
        if (type instanceof EnumTypeDefinition enumType) {
            List<EnumValueDefinition> values = enumType.getEnumValueDefinitions().stream()
                    .filter(v -> v.getDirectives("join__enumValue").isEmpty()
                            || v.getDirectives("join__enumValue").stream().anyMatch(j -> graph.equals(enumArg(j, "graph"))))
                    .map(v -> v.transform(b -> b.directives(kept(v)))).toList();
            return EnumTypeDefinition.newEnumTypeDefinition().name(enumType.getName()).description(enumType.getDescription())
                    .directives(kept(enumType)).enumValueDefinitions(values).build();
        }
        if (type instanceof InputObjectTypeDefinition input) {
            List<InputValueDefinition> values = input.getInputValueDefinitions().stream()
                    .filter(v -> v.getDirectives("join__field").isEmpty()
                            || v.getDirectives("join__field").stream().anyMatch(j -> graph.equals(enumArg(j, "graph"))))
                    .map(v -> v.transform(b -> b.directives(kept(v)))).toList();
            return InputObjectTypeDefinition.newInputObjectDefinition().name(input.getName()).description(input.getDescription())
                    .directives(kept(input)).inputValueDefinitions(values).build();
        }
        if (type instanceof ScalarTypeDefinition scalar) {
            return ScalarTypeDefinition.newScalarTypeDefinition().name(scalar.getName()).description(scalar.getDescription()).build();
        }
        return null;
    }

    private List<FieldDefinition> fields(String typeName, List<FieldDefinition> fields, String graph, Map<String, Set<String>> resolvedIn) {
        List<FieldDefinition> kept = new ArrayList<>();
        for (FieldDefinition field : fields) {
            List<Directive> joins = field.getDirectives("join__field");
            Directive join = joins.stream().filter(j -> graph.equals(enumArg(j, "graph"))).findFirst().orElse(null);
            if (!joins.isEmpty() && (join == null || bool(join, "usedOverridden"))) {
                continue;
            }
            List<Directive> directives = new ArrayList<>(kept(field));
            Type<?> type = field.getType();
            if (join != null) {
                type = join.getArgument("type") == null ? type : Parser.parseType(string(join, "type"));
                fieldDirectives(join, directives);
            }
            if (resolvedIn.getOrDefault(typeName + "." + field.getName(), Set.of()).size() > 1 && (join == null || !bool(join, "external"))) {
                directives.add(Directive.newDirective().name("shareable").build());
            }
            directives.addAll(joinDirectives(field, graph));
            Type<?> fieldType = type;
            kept.add(field.transform(b -> b.type(fieldType).directives(directives)
                    .inputValueDefinitions(field.getInputValueDefinitions().stream().map(a -> a.transform(ab -> ab.directives(kept(a)))).toList())));
        }
        return kept;
    }

    private static void fieldDirectives(Directive join, List<Directive> directives) {
        if (bool(join, "external")) {
            directives.add(Directive.newDirective().name("external").build());
        }
        for (String name : List.of("requires", "provides")) {
            if (join.getArgument(name) != null) {
                directives.add(Directive.newDirective().name(name).arguments(List.of(stringArgument("fields", string(join, name)))).build());
            }
        }
        if (join.getArgument("override") != null) {
            directives.add(Directive.newDirective().name("override").arguments(List.of(stringArgument("from", string(join, "override")))).build());
        }
    }

    private List<Directive> typeDirectives(TypeDefinition<?> type, String graph) {
        List<Directive> directives = new ArrayList<>(kept((DirectivesContainer<?>) type));
        for (Directive join : ((DirectivesContainer<?>) type).getDirectives("join__type")) {
            if (!graph.equals(enumArg(join, "graph"))) {
                continue;
            }
            if (join.getArgument("key") != null) {
                List<Argument> arguments = new ArrayList<>(List.of(stringArgument("fields", string(join, "key"))));
                if (join.getArgument("resolvable") != null && !bool(join, "resolvable")) {
                    arguments.add(Argument.newArgument("resolvable", BooleanValue.newBooleanValue(false).build()).build());
                }
                directives.add(Directive.newDirective().name("key").arguments(arguments).build());
            }
            if (bool(join, "isInterfaceObject")) {
                directives.add(Directive.newDirective().name("interfaceObject").build());
            }
        }
        directives.addAll(joinDirectives((DirectivesContainer<?>) type, graph));
        return directives;
    }

    /** {@code @join__type(graph: G, isInterfaceObject: true)}: graph G has this interface as an object type with {@code @interfaceObject}. */
    private static boolean isInterfaceObject(InterfaceTypeDefinition iface, String graph) {
        return iface.getDirectives("join__type").stream().anyMatch(j -> graph.equals(enumArg(j, "graph")) && bool(j, "isInterfaceObject"));
    }

    private List<Type> implementsIn(TypeDefinition<?> type, String graph) {
        List<Directive> joins = ((DirectivesContainer<?>) type).getDirectives("join__implements");
        List<Type> declared = type instanceof ObjectTypeDefinition o ? o.getImplements() : ((InterfaceTypeDefinition) type).getImplements();
        if (joins.isEmpty()) {
            return declared;
        }
        List<Type> kept = new ArrayList<>();
        joins.stream().filter(j -> graph.equals(enumArg(j, "graph"))).forEach(j -> kept.add(TypeName.newTypeName(string(j, "interface")).build()));
        return kept;
    }

    /** {@code @join__directive(graphs: [...], name: "connect", args: {...})} back to {@code @connect(...)} for one graph. */
    private List<Directive> joinDirectives(DirectivesContainer<?> element, String graph) {
        List<Directive> directives = new ArrayList<>();
        for (Directive join : element.getDirectives("join__directive")) {
            Argument graphs = join.getArgument("graphs");
            boolean forGraph = graphs != null && graphs.getValue() instanceof ArrayValue list
                    && list.getValues().stream().anyMatch(v -> v instanceof EnumValue e && e.getName().equals(graph));
            String name = string(join, "name");
            if (!forGraph || name == null) {
                continue;
            }
            List<Argument> arguments = new ArrayList<>();
            if (join.getArgument("args") != null && join.getArgument("args").getValue() instanceof ObjectValue args) {
                for (ObjectField field : args.getObjectFields()) {
                    arguments.add(Argument.newArgument(field.getName(), field.getValue()).build());
                }
            }
            directives.add(Directive.newDirective().name(name).arguments(arguments).build());
        }
        return directives;
    }

    /** Directives the subgraph keeps as they are: {@code @inaccessible} (composition re-derives everything else). */
    private static List<Directive> kept(DirectivesContainer<?> element) {
        return element.getDirectives().stream().filter(d -> d.getName().equals("inaccessible")).toList();
    }

    private boolean inGraph(TypeDefinition<?> type, String graph) {
        List<String> graphs = graphsOf(type);
        return graphs.isEmpty() || graphs.contains(graph);
    }

    private static List<String> graphsOf(TypeDefinition<?> type) {
        return ((DirectivesContainer<?>) type).getDirectives("join__type").stream().map(j -> enumArg(j, "graph")).toList();
    }

    private static boolean isMachinery(String name) {
        Predicate<String> machinery = n -> n.startsWith("join__") || n.startsWith("link__") || n.startsWith("connect__")
                || n.equals("_Any") || n.equals("_Service") || n.equals("_Entity");
        return machinery.test(name);
    }

    private static Argument stringArgument(String name, String value) {
        return Argument.newArgument(name, StringValue.newStringValue(value).build()).build();
    }

    private static String string(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof StringValue s ? s.getValue() : null;
    }

    private static String enumArg(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof EnumValue e ? e.getName() : null;
    }

    private static boolean bool(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        Value<?> value = argument == null ? null : argument.getValue();
        return value instanceof BooleanValue b && b.isValue();
    }
}
