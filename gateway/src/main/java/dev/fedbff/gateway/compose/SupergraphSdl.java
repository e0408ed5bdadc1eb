package dev.fedbff.gateway.compose;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.schema.GraphQLSchema;
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
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a supergraph SDL composed by Apollo ({@code @link} join v0.3–v0.5, {@code join__*} directives,
 * {@code join__Graph} URLs) as its {@code join__*} directives say: the schema and the client's API schema come from the
 * supergraph itself (without {@code @inaccessible} elements in the API schema), each subgraph from the join directives
 * ({@link JoinedSubgraphs}). Nothing is composed again: a supergraph Apollo composed is served as it is, and only what
 * the router needs is checked. A subgraph bound to REST with connectors ({@code @join__directive} of
 * {@code @source}/{@code @connect}) is read back into its own schema and read like a file of {@code schema/}, which
 * checks its connectors.
 */
public final class SupergraphSdl {

    private static final String FEDERATION_LINK = "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.9\", import: "
            + "[\"@key\", \"@shareable\", \"@external\", \"@requires\", \"@provides\", \"@override\", \"@inaccessible\", \"@interfaceObject\"])";

    /** The specs whose types a supergraph carries for the router only: {@code join__Graph}, {@code link__Purpose}, ... */
    private static final Set<String> MACHINERY_SPECS = Set.of("join", "link", "connect", "federation", "inaccessible", "tag",
            "authenticated", "requiresScopes", "policy", "cost", "context");

    private final String path;
    private final String text;
    private final Document document;
    private final Map<String, String> graphNames = new LinkedHashMap<>();
    private final Map<String, URI> urls = new LinkedHashMap<>();

    private SupergraphSdl(String path, String text, Document document) {
        this.path = path;
        this.text = text;
        this.document = document;
    }

    /**
     * The supergraph to serve, with the subgraph URLs it names as default addresses.
     *
     * @param path how errors name the file
     * @throws CompositionException when the text is not a supergraph this reader understands
     */
    public static Supergraph read(String path, String text) {
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLine();
            throw new CompositionException(List.of(new CompositionError(path, line, 0, "INVALID_SUPERGRAPH", "syntax error: " + e.getMessage())));
        }
        return new SupergraphSdl(path, text, document).read();
    }

    private Supergraph read() {
        readGraphs();
        JoinedSubgraphs joined = new JoinedSubgraphs(path, document, graphNames);
        Map<String, Subgraph> subgraphs = new LinkedHashMap<>();
        graphNames.forEach((graph, name) -> subgraphs.put(name, joined.read(graph)));
        List<CompositionError> errors = new ArrayList<>();
        graphNames.forEach((graph, name) -> {
            if (usesConnectors(graph)) {
                SubgraphReader.Read read = new SubgraphReader(new SchemaFile(path + "/" + name + ".graphqls", subgraph(graph, resolvedIn())), errors).read();
                if (read != null) {
                    subgraphs.put(name, read.subgraph());
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new CompositionException(errors);
        }
        SupergraphSchemas schemas = new SupergraphSchemas(path, document, linkedName("inaccessible"));
        GraphQLSchema schema = schemas.schema();
        GraphQLSchema apiSchema = schemas.apiSchema();
        Map<String, Map<String, String>> interfaceObjects = EntityInterfaces.knownAsInterfaceObjects(subgraphs, schema);
        Map<String, String> overriddenFrom = new LinkedHashMap<>();
        joined.overrides().forEach((coordinate, override) -> overriddenFrom.put(coordinate, override.from()));
        return new Supergraph(SupergraphComposer.version(List.of(new SchemaFile(path, text))), schema, apiSchema, subgraphs,
                SupergraphComposer.resolvers(subgraphs, overriddenFrom, interfaceObjects),
                SupergraphComposer.effectiveAccessRules(declaredAccessRules(), schema), interfaceObjects)
                .withOverrides(joined.overrides()).withAddresses(urls).withTags(Tags.of(document, linkedName("tag")))
                .withCosts(CostDirectives.of(document, "cost", "listSize"));
    }

    /** {@code @authenticated} and {@code @requiresScopes} on types and fields, as composed into the supergraph. */
    private Map<String, AccessRule> declaredAccessRules() {
        Map<String, AccessRule> declared = new LinkedHashMap<>();
        String authenticated = linkedName("authenticated");
        String requiresScopes = linkedName("requiresScopes");
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            AccessRule typeRule = AccessRule.declared((DirectivesContainer<?>) type, authenticated, requiresScopes);
            if (typeRule != null) {
                declared.put(type.getName(), typeRule);
            }
            List<FieldDefinition> fields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                    : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
            for (FieldDefinition field : fields) {
                AccessRule rule = AccessRule.declared(field, authenticated, requiresScopes);
                if (rule != null) {
                    declared.put(type.getName() + "." + field.getName(), rule);
                }
            }
        }
        return declared;
    }

    /** The name a linked spec's directive has in this supergraph: its {@code as:}, or the spec's own name. */
    private String linkedName(String spec) {
        for (SchemaDefinition schema : document.getDefinitionsOfType(SchemaDefinition.class)) {
            for (Directive link : schema.getDirectives("link")) {
                String url = string(link, "url");
                if (url != null && url.matches(".*/" + spec + "/v[0-9.]+$")) {
                    String as = string(link, "as");
                    return as == null ? spec : as;
                }
            }
        }
        return spec;
    }

    private boolean usesConnectors(String graph) {
        return document.getDefinitions().stream().filter(d -> d instanceof DirectivesContainer<?>)
                .anyMatch(d -> !joinDirectives((DirectivesContainer<?>) d, graph).isEmpty() || fieldsUseConnectors(d, graph));
    }

    private boolean fieldsUseConnectors(Definition<?> definition, String graph) {
        List<FieldDefinition> fields = definition instanceof ObjectTypeDefinition o ? o.getFieldDefinitions() : List.of();
        return fields.stream().anyMatch(field -> !joinDirectives(field, graph).isEmpty());
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

    private static boolean inGraph(TypeDefinition<?> type, String graph) {
        return JoinedSubgraphs.inGraph(type, graph);
    }

    private static List<String> graphsOf(TypeDefinition<?> type) {
        return ((DirectivesContainer<?>) type).getDirectives("join__type").stream().map(j -> enumArg(j, "graph")).toList();
    }

    /** Whether a type is there for the router only: a type of a linked spec ({@code join__Graph}) or of the subgraph protocol. */
    static boolean isMachinery(String name) {
        int separator = name.indexOf("__");
        if (separator > 0 && MACHINERY_SPECS.contains(name.substring(0, separator))) {
            return true;
        }
        return name.equals("_Any") || name.equals("_Service") || name.equals("_Entity");
    }

    private static Argument stringArgument(String name, String value) {
        return Argument.newArgument(name, StringValue.newStringValue(value).build()).build();
    }

    private static String string(Directive directive, String name) {
        return JoinedSubgraphs.string(directive, name);
    }

    private static String enumArg(Directive directive, String name) {
        return JoinedSubgraphs.enumArg(directive, name);
    }

    private static boolean bool(Directive directive, String name) {
        return JoinedSubgraphs.bool(directive, name);
    }
}
