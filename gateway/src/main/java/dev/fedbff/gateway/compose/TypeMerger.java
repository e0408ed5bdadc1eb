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
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.TypeUtil;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges one type's definitions from several subgraphs with Federation 2's rules: object and interface fields are
 * united (a field nullable anywhere is nullable), arguments and input fields are intersected, enums are united
 * when only returned, intersected when only accepted, and must agree when both. Directives are dropped; with
 * {@code api} set, elements marked {@code @inaccessible} are left out too. An interface merges the fields of its
 * {@code @interfaceObject} types as well.
 */
final class TypeMerger {

    private final Set<String> inaccessible;
    private final Set<String> inputEnums;
    private final Set<String> outputEnums;
    private final boolean api;
    private final List<CompositionError> errors;
    private String file = "";

    /** @param api true for the schema clients see: {@code @inaccessible} elements are left out */
    TypeMerger(Set<String> inaccessible, Set<String> inputEnums, Set<String> outputEnums, boolean api, List<CompositionError> errors) {
        this.inaccessible = inaccessible;
        this.inputEnums = inputEnums;
        this.outputEnums = outputEnums;
        this.api = api;
        this.errors = errors;
    }

    TypeDefinition<?> merge(List<SupergraphComposer.Definition> definitions) {
        file = definitions.get(0).file();
        TypeDefinition<?> first = definitions.get(0).type();
        graphql.language.Description description = definitions.stream().map(d -> describedBy(d.type())).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        List<TypeDefinition<?>> all = definitions.stream().<TypeDefinition<?>>map(SupergraphComposer.Definition::type).toList();
        if (all.stream().anyMatch(t -> t instanceof InterfaceTypeDefinition)) {
            return InterfaceTypeDefinition.newInterfaceTypeDefinition().name(first.getName()).description(description)
                    .definitions(fields(first.getName(), definitions, TypeMerger::fieldsOf)).build();
        }
        if (first instanceof ObjectTypeDefinition object) {
            return ObjectTypeDefinition.newObjectTypeDefinition().name(object.getName()).description(description)
                    .implementz(distinct(all, t -> ((ObjectTypeDefinition) t).getImplements(), AstPrinter::printAst).stream()
                            .filter(i -> !api || !inaccessible.contains(AstPrinter.printAst(i))).toList())
                    .fieldDefinitions(fields(object.getName(), definitions, t -> ((ObjectTypeDefinition) t).getFieldDefinitions())).build();
        }
        if (first instanceof EnumTypeDefinition e) {
            return EnumTypeDefinition.newEnumTypeDefinition().name(e.getName()).description(description)
                    .enumValueDefinitions(enumValues(e.getName(), definitions)).build();
        }
        if (first instanceof InputObjectTypeDefinition input) {
            return InputObjectTypeDefinition.newInputObjectDefinition().name(input.getName()).description(description)
                    .inputValueDefinitions(intersection(input.getName(), all, t -> ((InputObjectTypeDefinition) t).getInputValueDefinitions(),
                            "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH")).build();
        }
        if (first instanceof UnionTypeDefinition union) {
            return UnionTypeDefinition.newUnionTypeDefinition().name(union.getName()).description(description)
                    .memberTypes(distinct(all, t -> ((UnionTypeDefinition) t).getMemberTypes(), AstPrinter::printAst).stream()
                            .filter(m -> !api || !inaccessible.contains(AstPrinter.printAst(m))).toList()).build();
        }
        ScalarTypeDefinition scalar = (ScalarTypeDefinition) first;
        return ScalarTypeDefinition.newScalarTypeDefinition().name(scalar.getName()).description(description).build();
    }

    /** An interface's fields: from its interface definitions and from the {@code @interfaceObject} types that stand for it. */
    private static List<FieldDefinition> fieldsOf(TypeDefinition<?> type) {
        return type instanceof ObjectTypeDefinition object ? object.getFieldDefinitions() : ((InterfaceTypeDefinition) type).getFieldDefinitions();
    }

    private static graphql.language.Description describedBy(TypeDefinition<?> type) {
        return type instanceof graphql.language.AbstractDescribedNode<?> described ? described.getDescription() : null;
    }

    private List<FieldDefinition> fields(String typeName, List<SupergraphComposer.Definition> definitions,
                                         Function<TypeDefinition<?>, List<FieldDefinition>> fieldsOf) {
        Map<String, List<FieldDefinition>> byName = new LinkedHashMap<>();
        for (SupergraphComposer.Definition definition : definitions) {
            for (FieldDefinition field : fieldsOf.apply(definition.type())) {
                boolean external = definition.read().subgraph().external().contains(typeName + "." + field.getName());
                List<FieldDefinition> sameName = byName.computeIfAbsent(field.getName(), n -> new ArrayList<>());
                if (external) {
                    continue;
                }
                sameName.add(field);
            }
        }
        List<FieldDefinition> merged = new ArrayList<>();
        byName.forEach((name, sameName) -> {
            if (api && inaccessible.contains(typeName + "." + name)) {
                return;
            }
            FieldDefinition field = mergeField(typeName, name, sameName.isEmpty() ? externalOnly(definitions, fieldsOf, name) : sameName);
            merged.add(field);
        });
        return merged;
    }

    private static List<FieldDefinition> externalOnly(List<SupergraphComposer.Definition> definitions,
                                                      Function<TypeDefinition<?>, List<FieldDefinition>> fieldsOf, String name) {
        return definitions.stream().flatMap(d -> fieldsOf.apply(d.type()).stream()).filter(f -> f.getName().equals(name)).toList();
    }

    private FieldDefinition mergeField(String typeName, String name, List<FieldDefinition> definitions) {
        FieldDefinition first = definitions.get(0);
        graphql.language.Description description = definitions.stream().map(FieldDefinition::getDescription).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        boolean nullable = definitions.stream().anyMatch(f -> !(f.getType() instanceof NonNullType));
        List<InputValueDefinition> arguments = intersection(typeName + "." + name, definitions, FieldDefinition::getInputValueDefinitions,
                "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH");
        return first.transform(b -> b.directives(List.of()).inputValueDefinitions(arguments).description(description)
                .type(nullable && first.getType() instanceof NonNullType n ? n.getType() : first.getType()));
    }

    /** The values (arguments, input fields) every definition declares; a required one missing somewhere is an error. */
    private <T> List<InputValueDefinition> intersection(String owner, List<T> definitions, Function<T, List<InputValueDefinition>> valuesOf, String code) {
        Map<String, InputValueDefinition> first = new LinkedHashMap<>();
        valuesOf.apply(definitions.get(0)).forEach(v -> first.put(v.getName(), v));
        Set<String> everywhere = new HashSet<>(first.keySet());
        Map<String, InputValueDefinition> all = new LinkedHashMap<>(first);
        for (T definition : definitions.subList(1, definitions.size())) {
            List<InputValueDefinition> values = valuesOf.apply(definition);
            values.forEach(v -> all.putIfAbsent(v.getName(), v));
            everywhere.retainAll(values.stream().map(InputValueDefinition::getName).toList());
        }
        List<InputValueDefinition> kept = new ArrayList<>();
        all.forEach((name, value) -> {
            if (everywhere.contains(name)) {
                kept.add(value.transform(b -> b.directives(List.of())));
            } else if (value.getType() instanceof NonNullType && value.getDefaultValue() == null) {
                errors.add(new CompositionError(file, line(value), 0, code, owner + "(" + name + ":) is required but not declared by every subgraph that declares " + owner));
            }
        });
        return kept;
    }

    private List<EnumValueDefinition> enumValues(String enumName, List<SupergraphComposer.Definition> definitions) {
        boolean input = inputEnums.contains(enumName);
        boolean output = outputEnums.contains(enumName) || !input;
        List<List<EnumValueDefinition>> perSubgraph = definitions.stream().map(d -> ((EnumTypeDefinition) d.type()).getEnumValueDefinitions()).toList();
        Map<String, EnumValueDefinition> union = new LinkedHashMap<>();
        perSubgraph.forEach(values -> values.forEach(v -> union.putIfAbsent(v.getName(), v)));
        Set<String> everywhere = new HashSet<>(union.keySet());
        perSubgraph.forEach(values -> everywhere.retainAll(values.stream().map(EnumValueDefinition::getName).toList()));
        if (input && output && everywhere.size() != union.size()) {
            SupergraphComposer.Definition at = definitions.get(0);
            errors.add(new CompositionError(at.file(), line(at.type()), 0, "ENUM_VALUE_MISMATCH", "enum " + enumName
                    + " is used as input and output, so every subgraph must declare the same values"));
        }
        return union.values().stream()
                .filter(v -> output || everywhere.contains(v.getName()))
                .filter(v -> !api || !inaccessible.contains(enumName + "." + v.getName()))
                .map(v -> v.transform(b -> b.directives(List.of()))).toList();
    }

    private static <T> List<T> distinct(List<TypeDefinition<?>> all, Function<TypeDefinition<?>, List<? extends T>> items, Function<T, String> identity) {
        Map<String, T> seen = new LinkedHashMap<>();
        for (TypeDefinition<?> type : all) {
            for (T item : items.apply(type)) {
                seen.putIfAbsent(identity.apply(item), item);
            }
        }
        return List.copyOf(seen.values());
    }

    static String unwrapped(graphql.language.Type<?> type) {
        return TypeUtil.unwrapAll(type).getName();
    }

    private static int line(graphql.language.Node<?> node) {
        return node.getSourceLocation() == null ? 0 : node.getSourceLocation().getLine();
    }
}
