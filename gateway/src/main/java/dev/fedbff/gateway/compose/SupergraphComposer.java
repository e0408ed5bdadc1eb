package dev.fedbff.gateway.compose;

import graphql.language.AstPrinter;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * Composes subgraph schema files into a {@link Supergraph}, checking the Federation 2 rules it
 * implements. Every problem is reported, each naming file, line and rule; nothing is half-composed.
 */
public final class SupergraphComposer {

    /**
     * Composes the files, or throws {@link CompositionException} listing every problem found. Each file is checked
     * on its own first; the rules across files run only when every file is valid, so one mistake is reported once.
     */
    public Supergraph compose(List<SchemaFile> files) {
        List<CompositionError> errors = new ArrayList<>();
        if (files.isEmpty()) {
            errors.add(new CompositionError("schema/", 0, 0, "NO_SUBGRAPHS", "no subgraph schema files (*.graphqls) found"));
        }
        Map<String, SubgraphReader.Read> reads = new LinkedHashMap<>();
        for (SchemaFile file : files) {
            SubgraphReader.Read read = new SubgraphReader(file, errors).read();
            if (read != null && reads.putIfAbsent(file.subgraphName(), read) != null) {
                errors.add(new CompositionError(file.path(), 1, 1, "DUPLICATE_SUBGRAPH", "another file already defines subgraph " + file.subgraphName()));
            }
        }
        if (!errors.isEmpty()) {
            throw new CompositionException(errors);
        }
        Map<String, List<Definition>> byType = definitionsByType(reads.values());
        byType.forEach((name, definitions) -> checkType(name, definitions, errors));
        EntityInterfaces entityInterfaces = new EntityInterfaces(byType);
        if (errors.isEmpty()) {
            entityInterfaces.check(errors);
        }
        if (!byType.containsKey("Query") && !files.isEmpty()) {
            errors.add(new CompositionError(files.get(0).path(), 1, 1, "NO_QUERIES", "no subgraph defines a Query type"));
        }
        if (!errors.isEmpty()) {
            throw new CompositionException(errors);
        }
        Set<String> inaccessible = new HashSet<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        reads.values().forEach(read -> {
            inaccessible.addAll(read.inaccessible());
            overrides.putAll(read.overrides());
        });
        checkInaccessibleReferences(byType, inaccessible, errors);
        if (!errors.isEmpty()) {
            throw new CompositionException(errors);
        }
        Set<String> inputEnums = new HashSet<>();
        Set<String> outputEnums = new HashSet<>();
        enumUsage(byType, inputEnums, outputEnums);
        Map<String, List<Definition>> merged = entityInterfaces.withInterfaceObjectFields();
        GraphQLSchema schema = schema(merged, new TypeMerger(inaccessible, inputEnums, outputEnums, false, errors), name -> true, files);
        GraphQLSchema api = schema(merged, new TypeMerger(inaccessible, inputEnums, outputEnums, true, new ArrayList<>()),
                name -> !inaccessible.contains(name), files);
        if (!errors.isEmpty()) {
            throw new CompositionException(errors);
        }
        Map<String, Subgraph> subgraphs = new LinkedHashMap<>();
        reads.forEach((name, read) -> subgraphs.put(name, read.subgraph()));
        Map<String, Map<String, String>> interfaceObjects = EntityInterfaces.knownAsInterfaceObjects(subgraphs, schema);
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        CostDirectives costs = CostDirectives.NONE;
        for (SubgraphReader.Read read : reads.values()) {
            tags = Tags.union(tags, read.tags());
            costs = costs.and(read.costs());
        }
        return new Supergraph(version(files), schema, api, subgraphs, resolvers(subgraphs, overrides, interfaceObjects),
                accessRules(reads.values(), schema, interfaceObjects), interfaceObjects).withOverrides(fieldOverrides(reads.values())).withTags(tags)
                .withCosts(costs);
    }

    record Definition(SubgraphReader.Read read, TypeDefinition<?> type) {
        String file() {
            return read.subgraph().file();
        }
    }

    private static Map<String, List<Definition>> definitionsByType(Iterable<SubgraphReader.Read> reads) {
        Map<String, List<Definition>> byType = new LinkedHashMap<>();
        for (SubgraphReader.Read read : reads) {
            read.types().values().forEach(type -> byType.computeIfAbsent(type.getName(), n -> new ArrayList<>()).add(new Definition(read, type)));
        }
        return byType;
    }

    /**
     * One kind per type everywhere, except that an entity interface may be an {@code @interfaceObject} (an object
     * type) in the subgraphs that do not know its implementations.
     */
    private static void checkType(String name, List<Definition> definitions, List<CompositionError> errors) {
        Definition first = definitions.get(0);
        for (Definition other : definitions.subList(1, definitions.size())) {
            if (!kindGroup(other).equals(kindGroup(first))) {
                errors.add(located(other, "TYPE_KIND_MISMATCH", name + " is " + kind(other) + " here but "
                        + kind(first) + " in " + first.file()));
            }
        }
        if (definitions.stream().anyMatch(d -> d.type() instanceof ObjectTypeDefinition)) {
            checkFields(name, definitions, errors);
        }
    }

    private static void checkFields(String typeName, List<Definition> definitions, List<CompositionError> errors) {
        Map<String, Definition> firstOwner = new LinkedHashMap<>();
        for (Definition definition : definitions) {
            if (!(definition.type() instanceof ObjectTypeDefinition object)) {
                continue;
            }
            for (FieldDefinition field : object.getFieldDefinitions()) {
                Definition owner = firstOwner.putIfAbsent(field.getName(), definition);
                if (owner != null) {
                    checkSharedField(typeName, field, owner, definition, errors);
                }
            }
        }
    }

    private static void checkSharedField(String typeName, FieldDefinition field, Definition owner, Definition other,
                                         List<CompositionError> errors) {
        FieldDefinition ownerField = ((ObjectTypeDefinition) owner.type()).getFieldDefinitions().stream()
                .filter(f -> f.getName().equals(field.getName())).findFirst().orElseThrow();
        String coordinate = typeName + "." + field.getName();
        if (!sameTypeIgnoringNullability(ownerField.getType(), field.getType())) {
            errors.add(new CompositionError(other.file(), line(field), column(field), "FIELD_TYPE_MISMATCH", coordinate + " has type "
                    + AstPrinter.printAst(field.getType()) + " here but " + AstPrinter.printAst(ownerField.getType()) + " in " + owner.file()));
        }
        boolean overridden = owner.read().subgraph().name().equals(other.read().overrides().get(coordinate))
                || other.read().subgraph().name().equals(owner.read().overrides().get(coordinate));
        boolean bothResolve = !overridden && !other.read().subgraph().external().contains(coordinate)
                && !owner.read().subgraph().external().contains(coordinate);
        boolean shareable = owner.read().shareable().contains(coordinate) && other.read().shareable().contains(coordinate);
        if (bothResolve && !shareable) {
            errors.add(new CompositionError(other.file(), line(field), column(field), "INVALID_FIELD_SHARING", coordinate
                    + " is resolved here and in " + owner.file() + " but is not marked @shareable in both"));
        }
    }

    private static boolean sameTypeIgnoringNullability(Type<?> a, Type<?> b) {
        Type<?> left = a instanceof NonNullType n ? n.getType() : a;
        Type<?> right = b instanceof NonNullType n ? n.getType() : b;
        if (left instanceof TypeName l && right instanceof TypeName r) {
            return l.getName().equals(r.getName());
        }
        if (left instanceof graphql.language.ListType l && right instanceof graphql.language.ListType r) {
            return sameTypeIgnoringNullability(l.getType(), r.getType());
        }
        return false;
    }

    private static GraphQLSchema schema(Map<String, List<Definition>> byType, TypeMerger merger,
                                        java.util.function.Predicate<String> typeKept, List<SchemaFile> files) {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        byType.forEach((name, definitions) -> {
            if (typeKept.test(name)) {
                registry.add(merger.merge(definitions));
            }
        });
        try {
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        } catch (SchemaProblem problem) {
            String file = files.isEmpty() ? "schema/" : files.get(0).path();
            throw new CompositionException(List.of(new CompositionError(file, 0, 0, "INVALID_GRAPHQL", problem.getMessage())));
        }
    }

    /**
     * The rule of every field that has one: its own rules from every subgraph, and those of the type it returns
     * ({@code @authenticated} on a type guards every field that returns it).
     */
    private static Map<String, AccessRule> accessRules(Iterable<SubgraphReader.Read> reads, GraphQLSchema schema,
                                                       Map<String, Map<String, String>> interfaceObjects) {
        Map<String, AccessRule> declared = new LinkedHashMap<>();
        reads.forEach(read -> read.accessRules().forEach((target, rule) -> declared.merge(target, rule, AccessRule::and)));
        reads.forEach(read -> interfaceObjects.get(read.subgraph().name()).forEach((implementation, type) -> read.accessRules().forEach((target, rule) -> {
            if (target.startsWith(type + ".")) {
                declared.merge(implementation + target.substring(type.length()), rule, AccessRule::and);
            }
        })));
        return effectiveAccessRules(declared, schema);
    }

    /** The rule of each field: its own, and that of the type it returns; fields without a rule are left out. */
    static Map<String, AccessRule> effectiveAccessRules(Map<String, AccessRule> declared, GraphQLSchema schema) {
        Map<String, AccessRule> effective = new LinkedHashMap<>();
        if (declared.isEmpty()) {
            return effective;
        }
        for (graphql.schema.GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof graphql.schema.GraphQLFieldsContainer container) || type.getName().startsWith("__")) {
                continue;
            }
            for (graphql.schema.GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                String coordinate = type.getName() + "." + field.getName();
                String returned = ((graphql.schema.GraphQLNamedType) graphql.schema.GraphQLTypeUtil.unwrapAll(field.getType())).getName();
                AccessRule rule = declared.getOrDefault(coordinate, AccessRule.OPEN).and(declared.getOrDefault(returned, AccessRule.OPEN));
                if (rule != AccessRule.OPEN && !rule.equals(AccessRule.OPEN)) {
                    effective.put(coordinate, rule);
                }
            }
        }
        return effective;
    }

    /** An element clients can see must not have a type they cannot see. */
    private static void checkInaccessibleReferences(Map<String, List<Definition>> byType, Set<String> inaccessible, List<CompositionError> errors) {
        byType.forEach((typeName, definitions) -> definitions.forEach(definition -> {
            if (inaccessible.contains(typeName) || !(definition.type() instanceof ObjectTypeDefinition object)) {
                return;
            }
            for (FieldDefinition field : object.getFieldDefinitions()) {
                String fieldType = TypeMerger.unwrapped(field.getType());
                if (inaccessible.contains(fieldType) && !inaccessible.contains(typeName + "." + field.getName())) {
                    errors.add(new CompositionError(definition.file(), line(field), column(field), "REFERENCED_INACCESSIBLE", typeName + "."
                            + field.getName() + " returns " + fieldType + ", which is @inaccessible, but is not @inaccessible itself"));
                }
            }
        }));
    }

    /** Which enums appear in arguments and input fields (input) and which in object and interface fields (output). */
    private static void enumUsage(Map<String, List<Definition>> byType, Set<String> input, Set<String> output) {
        for (List<Definition> definitions : byType.values()) {
            for (Definition definition : definitions) {
                List<FieldDefinition> fields = definition.type() instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                        : definition.type() instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
                fields.forEach(field -> {
                    output.add(TypeMerger.unwrapped(field.getType()));
                    field.getInputValueDefinitions().forEach(argument -> input.add(TypeMerger.unwrapped(argument.getType())));
                });
                if (definition.type() instanceof InputObjectTypeDefinition inputType) {
                    inputType.getInputValueDefinitions().forEach(value -> input.add(TypeMerger.unwrapped(value.getType())));
                }
            }
        }
    }

    private static Map<String, Supergraph.Override> fieldOverrides(Iterable<SubgraphReader.Read> reads) {
        Map<String, Supergraph.Override> overrides = new LinkedHashMap<>();
        reads.forEach(read -> read.overrides().forEach((coordinate, from) -> overrides.put(coordinate,
                new Supergraph.Override(from, read.subgraph().name(), read.overrideLabels().get(coordinate)))));
        return overrides;
    }

    /**
     * Which subgraphs resolve each {@code Type.field}; a subgraph resolves the fields of its {@code @interfaceObject}
     * types on every implementation of the interface too.
     */
    static Map<String, Map<String, List<String>>> resolvers(Map<String, Subgraph> subgraphs, Map<String, String> overrides,
                                                                    Map<String, Map<String, String>> interfaceObjects) {
        Map<String, Map<String, List<String>>> resolvers = new LinkedHashMap<>();
        for (Subgraph subgraph : subgraphs.values()) {
            Map<String, List<String>> servedTypes = new LinkedHashMap<>();
            subgraph.fields().keySet().forEach(type -> servedTypes.computeIfAbsent(type, t -> new ArrayList<>()).add(type));
            interfaceObjects.get(subgraph.name()).forEach((implementation, type) -> servedTypes.get(type).add(implementation));
            subgraph.fields().forEach((type, fields) -> fields.keySet().stream()
                    .filter(field -> subgraph.resolves(type, field))
                    .filter(field -> !subgraph.name().equals(overrides.get(type + "." + field)))
                    .filter(field -> !subgraph.rest() || !SubgraphReader.ROOT_TYPES.contains(type) || subgraph.rootConnectors().containsKey(type + "." + field))
                    .forEach(field -> servedTypes.get(type).forEach(served -> resolvers.computeIfAbsent(served, t -> new LinkedHashMap<>())
                            .computeIfAbsent(field, f -> new ArrayList<>()).add(subgraph.name()))));
        }
        resolvers.values().forEach(byField -> byField.replaceAll((field, names) -> List.copyOf(names)));
        return resolvers;
    }

    private static String kind(Definition definition) {
        return EntityInterfaces.isInterfaceObject(definition) ? "an interface object (an object type with @interfaceObject)" : kind(definition.type());
    }

    private static String kindGroup(Definition definition) {
        return EntityInterfaces.isInterfaceObject(definition) ? "an interface" : kind(definition.type());
    }

    private static String kind(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition) {
            return "an object type";
        }
        if (type instanceof InterfaceTypeDefinition) {
            return "an interface";
        }
        if (type instanceof EnumTypeDefinition) {
            return "an enum";
        }
        if (type instanceof InputObjectTypeDefinition) {
            return "an input type";
        }
        return type instanceof UnionTypeDefinition ? "a union" : "a scalar";
    }

    static CompositionError located(Definition definition, String code, String message) {
        return new CompositionError(definition.file(), line(definition.type()), column(definition.type()), code, message);
    }

    private static int line(graphql.language.Node<?> node) {
        return node.getSourceLocation() == null ? 0 : node.getSourceLocation().getLine();
    }

    private static int column(graphql.language.Node<?> node) {
        return node.getSourceLocation() == null ? 0 : node.getSourceLocation().getColumn();
    }

    static String version(List<SchemaFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (SchemaFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update(file.text().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
