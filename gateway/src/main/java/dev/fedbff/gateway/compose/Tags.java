package dev.fedbff.gateway.compose;

import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.StringValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code @tag(name:)} names of a schema's elements, by coordinate: {@code Type}, {@code Type.field},
 * {@code Type.field(argument:)}, {@code Input.field}, {@code Enum.VALUE}. A contract ({@link Contract}) reads them.
 */
final class Tags {

    private final String directive;
    private final Map<String, Set<String>> tags = new LinkedHashMap<>();

    private Tags(String directive) {
        this.directive = directive;
    }

    /** @param directive the name {@code @tag} has in the document ({@code tag}, or its {@code @link} rename) */
    static Map<String, Set<String>> of(Document document, String directive) {
        Tags collector = new Tags(directive);
        SchemaElements.forEach(document, collector::add);
        return collector.tags;
    }

    /** Both maps' tags, element by element. */
    static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        a.forEach((coordinate, names) -> all.computeIfAbsent(coordinate, c -> new TreeSet<>()).addAll(names));
        b.forEach((coordinate, names) -> all.computeIfAbsent(coordinate, c -> new TreeSet<>()).addAll(names));
        return all;
    }

    private void add(String coordinate, DirectivesContainer<?> element) {
        for (Directive tag : element.getDirectives(directive)) {
            if (tag.getArgument("name") != null && tag.getArgument("name").getValue() instanceof StringValue value) {
                tags.computeIfAbsent(coordinate, c -> new TreeSet<>()).add(value.getValue());
            }
        }
    }
}
