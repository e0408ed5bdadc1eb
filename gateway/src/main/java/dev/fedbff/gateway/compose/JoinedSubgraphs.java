package dev.fedbff.gateway.compose;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each subgraph of an Apollo supergraph as the supergraph's {@code join__*} directives say, without composing anything
 * again: {@code @join__type} (the graphs of a type, its keys, {@code resolvable}, {@code isInterfaceObject}),
 * {@code @join__field} (the graphs of a field, its type there ({@code type:}), {@code external}, {@code requires},
 * {@code provides}, {@code override}/{@code overrideLabel} and {@code usedOverridden}), {@code @join__implements} and
 * {@code @join__unionMember}. A type or field without join directives belongs to every graph that has its type.
 */
final class JoinedSubgraphs {

    private final String path;
    private final Document document;
    private final Map<String, String> graphNames;
    private final Map<String, Supergraph.Override> overrides = new LinkedHashMap<>();

    JoinedSubgraphs(String path, Document document, Map<String, String> graphNames) {
        this.path = path;
        this.document = document;
        this.graphNames = graphNames;
    }

    /** The {@code @override}s the supergraph records, by coordinate; complete once every subgraph is read. */
    Map<String, Supergraph.Override> overrides() {
        return overrides;
    }

    /** The subgraph of one {@code join__Graph} value. */
    Subgraph read(String graph) {
        Reading reading = new Reading(graph);
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            if (!SupergraphSdl.isMachinery(type.getName()) && inGraph(type, graph)) {
                reading.type(type);
            }
        }
        return reading.subgraph();
    }

    /** The state of reading one subgraph. */
    private final class Reading {
        private final String graph;
        private final String name;
        private final Map<String, Map<String, FieldDefinition>> fields = new LinkedHashMap<>();
        private final Set<String> external = new HashSet<>();
        private final Map<String, List<SelectionSet>> keys = new LinkedHashMap<>();
        private final Map<String, SelectionSet> requires = new LinkedHashMap<>();
        private final Map<String, SelectionSet> provides = new LinkedHashMap<>();
        private final Map<String, Set<String>> possibleTypes = new LinkedHashMap<>();
        private final Set<String> interfaceObjects = new LinkedHashSet<>();

        Reading(String graph) {
            this.graph = graph;
            this.name = graphNames.get(graph);
        }

        Subgraph subgraph() {
            return new Subgraph(name, path + "/" + name + ".graphqls", false, fields, Set.copyOf(external), keys, requires, provides,
                    possibleTypes, Map.of(), Map.of(), Set.copyOf(interfaceObjects));
        }

        void type(TypeDefinition<?> type) {
            if (type instanceof ObjectTypeDefinition object) {
                object(object.getName(), object.getFieldDefinitions(), object);
                implementations(object.getName(), object.getImplements(), object);
            } else if (type instanceof InterfaceTypeDefinition iface) {
                possibleTypes.putIfAbsent(iface.getName(), new LinkedHashSet<>());
                boolean interfaceObject = joins(iface, "join__type").stream().anyMatch(j -> bool(j, "isInterfaceObject"));
                if (interfaceObject) {
                    interfaceObjects.add(iface.getName());
                }
                if (interfaceObject || hasKey(iface)) {
                    object(iface.getName(), iface.getFieldDefinitions(), iface);
                }
            } else if (type instanceof UnionTypeDefinition union) {
                possibleTypes.put(union.getName(), members(union));
            }
        }

        private boolean hasKey(TypeDefinition<?> type) {
            return joins((DirectivesContainer<?>) type, "join__type").stream().anyMatch(j -> string(j, "key") != null && bool(j, "resolvable", true));
        }

        private void object(String typeName, List<FieldDefinition> definitions, DirectivesContainer<?> type) {
            Map<String, FieldDefinition> typeFields = new LinkedHashMap<>();
            for (FieldDefinition field : definitions) {
                List<Directive> all = field.getDirectives("join__field");
                Directive join = all.stream().filter(j -> graph.equals(enumArg(j, "graph"))).findFirst().orElse(null);
                if (!all.isEmpty() && join == null) {
                    continue;
                }
                String coordinate = typeName + "." + field.getName();
                Type<?> fieldType = join == null || string(join, "type") == null ? field.getType() : Parser.parseType(string(join, "type"));
                typeFields.put(field.getName(), field.transform(b -> b.type(fieldType).directives(List.of())));
                if (join != null) {
                    fieldDirectives(coordinate, join);
                }
            }
            fields.put(typeName, typeFields);
            List<SelectionSet> typeKeys = new ArrayList<>();
            for (Directive join : joins(type, "join__type")) {
                String key = string(join, "key");
                SelectionSet fieldSet = key == null ? null : SubgraphReader.parseFieldSet(key);
                if (fieldSet != null && bool(join, "resolvable", true)) {
                    typeKeys.add(fieldSet);
                }
            }
            if (!typeKeys.isEmpty()) {
                keys.put(typeName, List.copyOf(typeKeys));
            }
        }

        /**
         * {@code external}, {@code requires}, {@code provides}; a field this graph had taken from it ({@code usedOverridden})
         * stays defined here, for its keys and required fields, but resolves elsewhere.
         */
        private void fieldDirectives(String coordinate, Directive join) {
            if (bool(join, "external") || bool(join, "usedOverridden")) {
                external.add(coordinate);
            }
            fieldSet(join, "requires").ifPresent(set -> requires.put(coordinate, set));
            fieldSet(join, "provides").ifPresent(set -> provides.put(coordinate, set));
            String from = string(join, "override");
            if (from != null) {
                overrides.put(coordinate, new Supergraph.Override(from, name, string(join, "overrideLabel")));
            }
        }

        private java.util.Optional<SelectionSet> fieldSet(Directive join, String argument) {
            String text = string(join, argument);
            return java.util.Optional.ofNullable(text == null ? null : SubgraphReader.parseFieldSet(text));
        }

        private void implementations(String typeName, List<Type> declared, DirectivesContainer<?> type) {
            List<Directive> joins = type.getDirectives("join__implements");
            List<String> interfaces = joins.isEmpty() ? declared.stream().map(t -> ((TypeName) t).getName()).toList()
                    : joins.stream().filter(j -> graph.equals(enumArg(j, "graph"))).map(j -> string(j, "interface")).toList();
            interfaces.forEach(iface -> possibleTypes.computeIfAbsent(iface, i -> new LinkedHashSet<>()).add(typeName));
        }

        private Set<String> members(UnionTypeDefinition union) {
            List<Directive> joins = union.getDirectives("join__unionMember");
            Set<String> members = new LinkedHashSet<>();
            if (joins.isEmpty()) {
                union.getMemberTypes().forEach(t -> members.add(((TypeName) t).getName()));
            }
            joins.stream().filter(j -> graph.equals(enumArg(j, "graph"))).forEach(j -> members.add(string(j, "member")));
            return members;
        }

        private List<Directive> joins(DirectivesContainer<?> element, String directive) {
            return element.getDirectives(directive).stream().filter(j -> graph.equals(enumArg(j, "graph"))).toList();
        }
    }

    /** Whether a type belongs to a graph: it has {@code @join__type} for it, or none at all. */
    static boolean inGraph(TypeDefinition<?> type, String graph) {
        List<Directive> joins = ((DirectivesContainer<?>) type).getDirectives("join__type");
        return joins.isEmpty() || joins.stream().anyMatch(j -> graph.equals(enumArg(j, "graph")));
    }

    static String string(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof StringValue s ? s.getValue() : null;
    }

    static String enumArg(Directive directive, String name) {
        Argument argument = directive.getArgument(name);
        return argument != null && argument.getValue() instanceof EnumValue e ? e.getName() : null;
    }

    static boolean bool(Directive directive, String name) {
        return bool(directive, name, false);
    }

    private static boolean bool(Directive directive, String name, boolean absent) {
        Argument argument = directive.getArgument(name);
        Value<?> value = argument == null ? null : argument.getValue();
        return value == null ? absent : value instanceof BooleanValue b && b.isValue();
    }
}
