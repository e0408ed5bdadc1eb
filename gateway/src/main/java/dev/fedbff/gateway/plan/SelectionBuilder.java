package dev.fedbff.gateway.plan;

import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A selection set under construction while planning; response keys are unique, fragments keyed by type. */
final class SelectionBuilder {

    private final Map<String, FieldBuilder> fields = new LinkedHashMap<>();
    private final Map<String, SelectionBuilder> fragments = new LinkedHashMap<>();

    static final class FieldBuilder {
        final String name;
        final String alias;
        final List<Argument> arguments;
        SelectionBuilder sub;

        FieldBuilder(String name, String alias, List<Argument> arguments) {
            this.name = name;
            this.alias = alias;
            this.arguments = arguments;
        }

        Field build() {
            Field.Builder field = Field.newField(name).alias(alias).arguments(arguments);
            if (sub != null) {
                field.selectionSet(sub.build());
            }
            return field.build();
        }
    }

    /** The field at this response key, added if absent; {@code composite} gives it a sub-selection. */
    FieldBuilder field(Field occurrence, boolean composite) {
        FieldBuilder field = fields.computeIfAbsent(occurrence.getResultKey(),
                key -> new FieldBuilder(occurrence.getName(), occurrence.getAlias(), occurrence.getArguments()));
        if (composite && field.sub == null) {
            field.sub = new SelectionBuilder();
        }
        return field;
    }

    void typename() {
        fields.putIfAbsent("__typename", new FieldBuilder("__typename", null, List.of()));
    }

    /** Adds the fields of a key (or any field set) by their own names, merging nested selections. */
    void fieldSet(SelectionSet fieldSet) {
        for (Field field : fieldSet.getSelectionsOfType(Field.class)) {
            FieldBuilder builder = fields.computeIfAbsent(field.getName(), key -> new FieldBuilder(field.getName(), null, List.of()));
            if (field.getSelectionSet() != null) {
                if (builder.sub == null) {
                    builder.sub = new SelectionBuilder();
                }
                builder.sub.fieldSet(field.getSelectionSet());
            }
        }
    }

    /** Adds every field and fragment of {@code other}, merging the sub-selections of fields at the same response key. */
    void addAll(SelectionBuilder other) {
        other.fields.forEach((key, field) -> {
            FieldBuilder mine = fields.computeIfAbsent(key, k -> new FieldBuilder(field.name, field.alias, field.arguments));
            if (field.sub != null) {
                if (mine.sub == null) {
                    mine.sub = new SelectionBuilder();
                }
                mine.sub.addAll(field.sub);
            }
        });
        other.fragments.forEach((type, sub) -> fragment(type).addAll(sub));
    }

    SelectionBuilder fragment(String typeCondition) {
        return fragments.computeIfAbsent(typeCondition, type -> new SelectionBuilder());
    }

    boolean isEmpty() {
        return fields.isEmpty() && fragments.isEmpty();
    }

    SelectionSet build() {
        List<Selection> selections = new ArrayList<>();
        fields.values().forEach(field -> selections.add(field.build()));
        fragments.forEach((type, sub) -> selections.add(InlineFragment.newInlineFragment()
                .typeCondition(TypeName.newTypeName(type).build()).selectionSet(sub.build()).build()));
        return SelectionSet.newSelectionSet(selections).build();
    }
}
