package dev.fedbff.gateway.compose;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectValue;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.BooleanValue;
import graphql.language.Value;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one schema file into a {@link Subgraph}, collecting every problem it finds in that file. */
final class SubgraphReader {

    static final Set<String> BUILT_IN_SCALARS = Set.of("String", "Int", "Float", "Boolean", "ID");
    static final Set<String> ROOT_TYPES = Set.of("Query", "Mutation", "Subscription");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final SchemaFile file;
    private final List<CompositionError> errors;
    private final Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
    private final Map<String, Map<String, FieldDefinition>> fields = new LinkedHashMap<>();
    private final Set<String> external = new HashSet<>();
    private final Set<String> shareable = new HashSet<>();
    private final Map<String, List<SelectionSet>> keys = new LinkedHashMap<>();
    private final Map<String, SelectionSet> requires = new LinkedHashMap<>();
    private final Map<String, SelectionSet> provides = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> overrideLabels = new LinkedHashMap<>();
    private final Set<String> inaccessible = new HashSet<>();
    private final Map<String, AccessRule> accessRules = new LinkedHashMap<>();
    private final Map<String, Set<String>> possibleTypes = new LinkedHashMap<>();
    private final Set<String> interfaceObjects = new java.util.LinkedHashSet<>();
    private DirectiveNames names;
    private final Map<String, Connector> rootConnectors = new LinkedHashMap<>();
    private final Map<String, Connector> entityConnectors = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    SubgraphReader(SchemaFile file, List<CompositionError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** The subgraph and its type definitions, or null when the file does not parse. */
    Read read() {
        Document document = parse();
        if (document == null) {
            return null;
        }
        names = DirectiveNames.of(document);
        checkFederationVersion();
        collectTypes(document);
        readSources(document);
        boolean rest = !sources.isEmpty();
        types.values().forEach(type -> readType(type, rest));
        types.values().forEach(this::readAbstractType);
        types.values().forEach(this::checkTypeReferences);
        types.values().forEach(this::readFieldSets);
        types.values().forEach(this::checkInterfaceKeys);
        Subgraph subgraph = new Subgraph(file.subgraphName(), file.path(), rest, fields, Set.copyOf(external), keys,
                requires, provides, possibleTypes, rootConnectors, entityConnectors, Set.copyOf(interfaceObjects));
        return new Read(subgraph, types, shareable, overrides, overrideLabels, inaccessible, accessRules, Tags.of(document, names.of("tag")),
                CostDirectives.of(document, names.of("cost"), names.of("listSize")));
    }

    /**
     * What composition needs besides the subgraph itself.
     *
     * @param overrides    coordinates taken over with {@code @override}, and the subgraph they were taken from
     * @param overrideLabels the {@code label} of each progressive {@code @override}, by coordinate
     * @param inaccessible type names and coordinates ({@code Type.field}, {@code Enum.VALUE}) hidden from clients
     * @param accessRules  {@code @authenticated} and {@code @requiresScopes}, by type name or coordinate
     * @param tags         the {@code @tag} names of each tagged element, by type name or coordinate
     * @param costs        the {@code @cost} and {@code @listSize} directives
     */
    record Read(Subgraph subgraph, Map<String, TypeDefinition<?>> types, Set<String> shareable,
                Map<String, String> overrides, Map<String, String> overrideLabels, Set<String> inaccessible,
                Map<String, AccessRule> accessRules, Map<String, Set<String>> tags, CostDirectives costs) {
    }

    private Document parse() {
        MultiSourceReader reader = MultiSourceReader.newMultiSourceReader().string(file.text(), file.path()).trackData(false).build();
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment().document(reader).build());
        } catch (InvalidSyntaxException e) {
            SourceLocation at = e.getLocation();
            error(at, "INVALID_GRAPHQL", "syntax error: " + e.getMessage());
            return null;
        }
    }

    /** {@code @interfaceObject} exists from Federation 2.3 on; importing it from an older version is an error, as in Apollo. */
    private void checkFederationVersion() {
        if (names.federationVersion() < 203 && names.imports("interfaceObject")) {
            error(names.federationLink(), "INVALID_LINK_DIRECTIVE_USAGE", "Cannot import unknown element \"@interfaceObject\".");
        }
    }

    private void collectTypes(Document document) {
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            TypeDefinition<?> previous = types.get(type.getName());
            if (previous instanceof ObjectTypeDefinition earlier && type instanceof ObjectTypeDefinition later) {
                types.put(type.getName(), earlier.transform(b -> b.fieldDefinitions(concat(earlier.getFieldDefinitions(), later.getFieldDefinitions()))
                        .directives(concat(earlier.getDirectives(), later.getDirectives()))));
            } else {
                types.put(type.getName(), type);
            }
        }
    }

    private void readSources(Document document) {
        for (SchemaExtensionDefinition schema : document.getDefinitionsOfType(SchemaExtensionDefinition.class)) {
            for (Directive source : schema.getDirectives(names.of("source"))) {
                String name = stringArgument(source, "name");
                String baseUrl = stringField(objectArgument(source, "http"), "baseURL");
                if (name == null || baseUrl == null) {
                    error(source, "CONNECTORS_INVALID_SOURCE", "@source needs name and http: { baseURL }");
                } else {
                    sources.put(name, baseUrl);
                }
            }
        }
    }

    private void readType(TypeDefinition<?> type, boolean rest) {
        if (!((DirectivesContainer<?>) type).getDirectives(names.of("inaccessible")).isEmpty()) {
            inaccessible.add(type.getName());
        }
        readAccessRule(type.getName(), (DirectivesContainer<?>) type);
        if (type instanceof EnumTypeDefinition enumType) {
            enumType.getEnumValueDefinitions().stream().filter(v -> !v.getDirectives(names.of("inaccessible")).isEmpty())
                    .forEach(v -> inaccessible.add(enumType.getName() + "." + v.getName()));
        }
        if (type instanceof InterfaceTypeDefinition iface) {
            readEntityInterface(iface, rest);
            return;
        }
        if (!(type instanceof ObjectTypeDefinition object)) {
            return;
        }
        String typeName = object.getName();
        readInterfaceObject(object);
        boolean typeShareable = !names.federation2() || !object.getDirectives(names.of("shareable")).isEmpty();
        Map<String, FieldDefinition> typeFields = new LinkedHashMap<>();
        for (FieldDefinition field : object.getFieldDefinitions()) {
            String coordinate = typeName + "." + field.getName();
            typeFields.put(field.getName(), field);
            if (!field.getDirectives(names.of("external")).isEmpty()) {
                external.add(coordinate);
            }
            if (typeShareable || !field.getDirectives(names.of("shareable")).isEmpty()) {
                shareable.add(coordinate);
            }
            if (!field.getDirectives(names.of("inaccessible")).isEmpty()) {
                inaccessible.add(coordinate);
            }
            field.getDirectives(names.of("override")).forEach(override -> {
                overrides.put(coordinate, stringArgument(override, "from"));
                String label = stringArgument(override, "label");
                if (label != null) {
                    overrideLabels.put(coordinate, label);
                }
            });
            readAccessRule(coordinate, field);
            readFieldConnector(typeName, field, rest);
        }
        fields.put(typeName, typeFields);
        readKeys(object, rest);
        readEntityConnector(object);
    }

    /**
     * An interface with {@code @key} (Federation 2.3+) is an entity interface: this subgraph resolves the interface's
     * fields for a representation of the interface itself ({@code {"__typename": "Media", "id": ...}}).
     */
    private void readEntityInterface(InterfaceTypeDefinition iface, boolean rest) {
        if (iface.getDirectives(names.of("key")).isEmpty()) {
            return;
        }
        if (names.federationVersion() < 203) {
            error(iface.getDirectives(names.of("key")).get(0), "KEY_UNSUPPORTED_ON_INTERFACE", "Cannot use @key on interface \""
                    + iface.getName() + "\": @key is not yet supported on interfaces");
            return;
        }
        Map<String, FieldDefinition> typeFields = new LinkedHashMap<>();
        iface.getFieldDefinitions().forEach(field -> typeFields.put(field.getName(), field));
        fields.put(iface.getName(), typeFields);
        readKeys(iface, rest);
    }

    /** An object type with {@code @interfaceObject} stands, in this subgraph, for the entity interface of that name. */
    private void readInterfaceObject(ObjectTypeDefinition object) {
        List<Directive> marks = object.getDirectives(names.of("interfaceObject"));
        if (marks.isEmpty() || names.federationVersion() < 203) {
            return;
        }
        if (object.getDirectives(names.of("key")).isEmpty()) {
            error(marks.get(0), "INTERFACE_OBJECT_USAGE_ERROR", "The @interfaceObject directive can only be applied to entity types but type \""
                    + object.getName() + "\" has no @key in this subgraph.");
            return;
        }
        interfaceObjects.add(object.getName());
    }

    /** Every implementation of an entity interface in this subgraph carries each of the interface's keys. */
    private void checkInterfaceKeys(TypeDefinition<?> type) {
        if (!(type instanceof InterfaceTypeDefinition iface) || !keys.containsKey(iface.getName())) {
            return;
        }
        for (Directive key : iface.getDirectives(names.of("key"))) {
            SelectionSet fieldSet = parseFieldSet(String.valueOf(stringArgument(key, "fields")));
            List<String> missing = possibleTypes.getOrDefault(iface.getName(), Set.of()).stream()
                    .filter(implementation -> !hasKey(implementation, fieldSet)).sorted().toList();
            if (fieldSet != null && !missing.isEmpty()) {
                error(key, "INTERFACE_KEY_NOT_ON_IMPLEMENTATION", "Key @key(fields: \"" + stringArgument(key, "fields") + "\") on interface type \""
                        + iface.getName() + "\" is missing on implementation " + (missing.size() > 1 ? "types " : "type ") + quotedList(missing) + ".");
            }
        }
    }

    private boolean hasKey(String type, SelectionSet fieldSet) {
        String printed = graphql.language.AstPrinter.printAstCompact(fieldSet);
        return keys.getOrDefault(type, List.of()).stream().anyMatch(key -> graphql.language.AstPrinter.printAstCompact(key).equals(printed));
    }

    /** {@code "A"}, {@code "A" and "B"}, {@code "A", "B" and "C"}: how Apollo's messages list names. */
    static String quotedList(List<String> names) {
        List<String> quoted = names.stream().map(name -> "\"" + name + "\"").toList();
        if (quoted.size() <= 2) {
            return String.join(" and ", quoted);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    private void readAccessRule(String target, DirectivesContainer<?> element) {
        AccessRule rule = AccessRule.declared(element, names.of("authenticated"), names.of("requiresScopes"));
        if (rule != null) {
            accessRules.merge(target, rule, AccessRule::and);
        }
    }

    private void readAbstractType(TypeDefinition<?> type) {
        if (type instanceof UnionTypeDefinition union) {
            possibleTypes.put(union.getName(), union.getMemberTypes().stream().map(t -> ((TypeName) t).getName())
                    .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        }
        if (type instanceof InterfaceTypeDefinition iface) {
            possibleTypes.putIfAbsent(iface.getName(), new java.util.LinkedHashSet<>());
        }
        if (type instanceof ObjectTypeDefinition object) {
            object.getImplements().forEach(t -> possibleTypes.computeIfAbsent(((TypeName) t).getName(), n -> new java.util.LinkedHashSet<>())
                    .add(object.getName()));
        }
    }

    /** {@code @requires} and {@code @provides}: their field sets must name fields of the right types. */
    private void readFieldSets(TypeDefinition<?> type) {
        if (!(type instanceof ObjectTypeDefinition object)) {
            return;
        }
        for (FieldDefinition field : object.getFieldDefinitions()) {
            String coordinate = object.getName() + "." + field.getName();
            for (Directive directive : field.getDirectives(names.of("requires"))) {
                SelectionSet fieldSet = fieldSet(directive, object, "REQUIRES_INVALID_FIELDS", coordinate);
                if (fieldSet != null) {
                    requires.put(coordinate, fieldSet);
                }
            }
            for (Directive directive : field.getDirectives(names.of("provides"))) {
                TypeDefinition<?> provided = types.get(typeName(field));
                if (!(provided instanceof ObjectTypeDefinition) && !(provided instanceof InterfaceTypeDefinition)) {
                    error(directive, "PROVIDES_ON_NON_OBJECT_FIELD", "@provides on " + coordinate + ", whose type is not an object type or interface");
                    continue;
                }
                SelectionSet fieldSet = fieldSet(directive, provided, "PROVIDES_INVALID_FIELDS", coordinate);
                if (fieldSet != null) {
                    provides.put(coordinate, fieldSet);
                }
            }
        }
    }

    private SelectionSet fieldSet(Directive directive, TypeDefinition<?> type, String code, String coordinate) {
        String text = stringArgument(directive, "fields");
        SelectionSet fieldSet = text == null ? null : parseFieldSet(text);
        if (fieldSet == null) {
            error(directive, code, "@" + directive.getName() + "(fields: \"" + text + "\") on " + coordinate + " is not a valid field set");
            return null;
        }
        String missing = missingField(type, fieldSet);
        if (missing != null) {
            error(directive, code, "@" + directive.getName() + "(fields: \"" + text + "\") on " + coordinate + " names field \""
                    + missing + "\", which " + type.getName() + " does not define in this subgraph");
            return null;
        }
        return fieldSet;
    }

    static SelectionSet parseFieldSet(String text) {
        try {
            return Parser.parse("{" + text + "}").getDefinitionsOfType(graphql.language.OperationDefinition.class).get(0).getSelectionSet();
        } catch (InvalidSyntaxException e) {
            return null;
        }
    }

    private void readKeys(TypeDefinition<?> object, boolean rest) {
        List<SelectionSet> resolvable = new ArrayList<>();
        for (Directive key : ((DirectivesContainer<?>) object).getDirectives(names.of("key"))) {
            SelectionSet fieldSet = keyFieldSet(object, key);
            if (fieldSet == null) {
                continue;
            }
            fieldSet.getSelectionsOfType(Field.class).forEach(f -> shareable.add(object.getName() + "." + f.getName()));
            Argument resolvableArgument = key.getArgument("resolvable");
            boolean declaredResolvable = resolvableArgument == null
                    || !(resolvableArgument.getValue() instanceof BooleanValue b) || b.isValue();
            boolean reachable = !rest || !((DirectivesContainer<?>) object).getDirectives(names.of("connect")).isEmpty();
            if (declaredResolvable && reachable) {
                resolvable.add(fieldSet);
            }
        }
        if (!resolvable.isEmpty()) {
            keys.put(object.getName(), List.copyOf(resolvable));
        }
    }

    private SelectionSet keyFieldSet(TypeDefinition<?> object, Directive key) {
        String fieldsText = stringArgument(key, "fields");
        if (fieldsText == null) {
            error(key, "KEY_INVALID_FIELDS", "@key on " + object.getName() + " needs a fields argument");
            return null;
        }
        SelectionSet fieldSet = parseFieldSet(fieldsText);
        if (fieldSet == null) {
            error(key, "KEY_INVALID_FIELDS", "@key(fields: \"" + fieldsText + "\") on " + object.getName() + " is not a valid field set");
            return null;
        }
        String missing = missingField(object, fieldSet);
        if (missing != null) {
            error(key, "KEY_INVALID_FIELDS", "@key(fields: \"" + fieldsText + "\") on " + object.getName()
                    + " names field \"" + missing + "\", which " + object.getName() + " does not define in this subgraph");
            return null;
        }
        return fieldSet;
    }

    private String missingField(TypeDefinition<?> object, SelectionSet fieldSet) {
        for (Field field : fieldSet.getSelectionsOfType(Field.class)) {
            FieldDefinition definition = fieldsOf(object).stream()
                    .filter(f -> f.getName().equals(field.getName())).findFirst().orElse(null);
            if (definition == null) {
                return field.getName();
            }
            TypeDefinition<?> nested = types.get(typeName(definition));
            if (field.getSelectionSet() != null && (nested instanceof ObjectTypeDefinition || nested instanceof InterfaceTypeDefinition)) {
                String nestedMissing = missingField(nested, field.getSelectionSet());
                if (nestedMissing != null) {
                    return field.getName() + "." + nestedMissing;
                }
            }
        }
        return null;
    }

    private void readFieldConnector(String typeName, FieldDefinition field, boolean rest) {
        List<Directive> connects = field.getDirectives(names.of("connect"));
        String coordinate = typeName + "." + field.getName();
        boolean root = ROOT_TYPES.contains(typeName);
        if (connects.isEmpty()) {
            if (rest && root) {
                error(field, "CONNECTORS_UNRESOLVED_FIELD", coordinate + " has no @connect, so no backend can resolve it");
            }
            return;
        }
        if (!root) {
            error(connects.get(0), "CONNECTORS_UNSUPPORTED", "@connect on " + coordinate
                    + ": only root fields and entity types (type-level @connect) can be bound to REST endpoints");
            return;
        }
        Connector connector = connector(connects.get(0), coordinate, field.getType() == null ? null : typeName(field));
        if (connector == null) {
            return;
        }
        for (String argument : connector.url().argumentNames()) {
            if (field.getInputValueDefinitions().stream().noneMatch(a -> a.getName().equals(argument))) {
                error(connects.get(0), "CONNECTORS_UNDEFINED_ARGUMENT", "$args." + argument + " in @connect on " + coordinate
                        + " names no argument of " + coordinate);
            }
        }
        rootConnectors.put(coordinate, connector);
    }

    private void readEntityConnector(ObjectTypeDefinition object) {
        List<Directive> connects = object.getDirectives(names.of("connect"));
        if (connects.isEmpty()) {
            return;
        }
        Connector connector = connector(connects.get(0), object.getName(), object.getName());
        if (connector == null) {
            return;
        }
        if (!connector.url().uses(UrlTemplate.Variable.BATCH) && !connector.url().uses(UrlTemplate.Variable.THIS)) {
            error(connects.get(0), "CONNECTORS_ENTITY_RESOLVER", "@connect on type " + object.getName()
                    + " must read the entity through $batch or $this");
            return;
        }
        if (object.getDirectives(names.of("key")).isEmpty()) {
            error(connects.get(0), "CONNECTORS_ENTITY_RESOLVER", "@connect on type " + object.getName() + " needs a @key on the type");
            return;
        }
        entityConnectors.put(object.getName(), connector);
    }

    private Connector connector(Directive connect, String owner, String resultType) {
        String sourceName = stringArgument(connect, "source");
        String baseUrl = sourceName == null ? null : sources.get(sourceName);
        if (baseUrl == null) {
            error(connect, "CONNECTORS_SOURCE_NOT_FOUND", "@connect on " + owner + " names source \"" + sourceName
                    + "\", which no @source in this file defines");
            return null;
        }
        ObjectValue http = objectArgument(connect, "http");
        List<ObjectField> methods = http == null ? List.of()
                : http.getObjectFields().stream().filter(f -> HTTP_METHODS.contains(f.getName())).toList();
        if (methods.size() != 1 || !(methods.get(0).getValue() instanceof StringValue urlText)) {
            error(connect, "CONNECTORS_HTTP_METHOD", "@connect on " + owner + " needs exactly one of http: { GET | POST | PUT | PATCH | DELETE: \"/path\" }");
            return null;
        }
        String selectionText = stringArgument(connect, "selection");
        if (selectionText == null) {
            error(connect, "CONNECTORS_INVALID_SELECTION", "@connect on " + owner + " needs a selection");
            return null;
        }
        try {
            UrlTemplate url = UrlTemplate.parse(urlText.getValue());
            ConnectorSelection selection = ConnectorSelection.parse(selectionText);
            checkSelection(connect, owner, selection, resultType);
            return new Connector(file.subgraphName(), sourceName, baseUrl, methods.get(0).getName(), url, selection, owner);
        } catch (IllegalArgumentException e) {
            error(connect, "CONNECTORS_INVALID_SELECTION", "@connect on " + owner + ": " + e.getMessage());
            return null;
        }
    }

    private void checkSelection(Directive connect, String owner, ConnectorSelection selection, String typeName) {
        if (!(types.get(typeName) instanceof ObjectTypeDefinition type)) {
            return;
        }
        for (String name : selection.fieldNames()) {
            FieldDefinition field = type.getFieldDefinitions().stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
            if (field == null) {
                error(connect, "CONNECTORS_SELECTED_FIELD_NOT_FOUND", "the selection of @connect on " + owner + " maps \"" + name
                        + "\", which " + typeName + " does not define");
                continue;
            }
            ConnectorSelection sub = selection.subSelection(name);
            if (sub != null) {
                checkSelection(connect, owner, sub, typeName(field));
            }
        }
    }

    private void checkTypeReferences(TypeDefinition<?> type) {
        List<FieldDefinition> typeFields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
        for (FieldDefinition field : typeFields) {
            String referenced = typeName(field);
            if (!BUILT_IN_SCALARS.contains(referenced) && !types.containsKey(referenced)) {
                error(field, "INVALID_GRAPHQL", type.getName() + "." + field.getName() + " has type " + referenced
                        + ", which this subgraph does not define");
            }
        }
        if (type instanceof InputObjectTypeDefinition input) {
            input.getInputValueDefinitions().forEach(value -> {
                String referenced = graphql.schema.idl.TypeUtil.unwrapAll(value.getType()).getName();
                if (!BUILT_IN_SCALARS.contains(referenced) && !types.containsKey(referenced)) {
                    error(value, "INVALID_GRAPHQL", input.getName() + "." + value.getName() + " has type " + referenced
                            + ", which this subgraph does not define");
                }
            });
        }
    }

    private static List<FieldDefinition> fieldsOf(TypeDefinition<?> type) {
        return type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
    }

    static String typeName(FieldDefinition field) {
        return graphql.schema.idl.TypeUtil.unwrapAll(field.getType()).getName();
    }

    private static String stringArgument(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof StringValue s ? s.getValue() : null;
    }

    private static ObjectValue objectArgument(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof ObjectValue o ? o : null;
    }

    private static String stringField(ObjectValue object, String name) {
        if (object == null) {
            return null;
        }
        Value<?> value = object.getObjectFields().stream().filter(f -> f.getName().equals(name)).map(ObjectField::getValue)
                .findFirst().orElse(null);
        return value instanceof StringValue s ? s.getValue() : null;
    }

    private void error(Node<?> node, String code, String message) {
        error(node.getSourceLocation(), code, message);
    }

    private void error(SourceLocation at, String code, String message) {
        int line = at == null ? 0 : at.getLine();
        int column = at == null ? 0 : at.getColumn();
        errors.add(new CompositionError(file.path(), line, column, code, message));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
