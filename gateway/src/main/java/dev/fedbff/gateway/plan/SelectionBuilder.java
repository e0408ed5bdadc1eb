package dev.fedbff.gateway.plan;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A selection set under construction while planning; response keys are unique, fragments keyed by type. Two
 * selections of one field that differ in arguments never share a response key: the one the client did not ask for
 * (a key or {@code @requires} field the plan adds) moves to an alias ({@code comments__alias_1}), also when the
 * client's field arrives after it, and whoever reads it back asks its {@link FieldBuilder#key()}.
 */
final class SelectionBuilder {

    private final Map<String, FieldBuilder> fields = new LinkedHashMap<>();
    private final Map<String, SelectionBuilder> fragments = new LinkedHashMap<>();
    private final Aliases aliases;

    /** Hands out aliases that are unique within one plan. */
    static final class Aliases {
        private int next;

        String next(String fieldName) {
            return fieldName + "__alias_" + next++;
        }
    }

    SelectionBuilder(Aliases aliases) {
        this.aliases = aliases;
    }

    /** One field of the selection; {@code key} is its response key, which changes when a client field claims it. */
    static final class FieldBuilder {
        final String name;
        final List<Argument> arguments;
        private String argumentsKey;
        private String key;
        private boolean client;
        SelectionBuilder sub;

        FieldBuilder(String name, String key, List<Argument> arguments, boolean client) {
            this.name = name;
            this.key = key;
            this.arguments = arguments;
            this.client = client;
        }

        String key() {
            return key;
        }

        boolean sameField(String otherName, List<Argument> otherArguments) {
            if (!name.equals(otherName)) {
                return false;
            }
            if (arguments.isEmpty() || otherArguments.isEmpty()) {
                return arguments.isEmpty() && otherArguments.isEmpty();
            }
            if (argumentsKey == null) {
                argumentsKey = argumentsText(arguments);
            }
            return argumentsKey.equals(argumentsText(otherArguments));
        }

        Field build() {
            String alias = key.equals(name) ? null : key;
            Field.Builder field = Field.newField(name).alias(alias).arguments(arguments);
            if (sub != null) {
                field.selectionSet(sub.build());
            }
            return field.build();
        }
    }

    /** The client's field at its response key, added if absent; {@code composite} gives it a sub-selection. */
    FieldBuilder field(Field occurrence, boolean composite) {
        return field(occurrence, composite, true);
    }

    /**
     * A field at its response key: the client's own ({@code client}), or one the plan needs (a key or required field,
     * which takes an alias when the key holds another selection of the field).
     */
    FieldBuilder field(Field occurrence, boolean composite, boolean client) {
        String key = occurrence.getResultKey();
        FieldBuilder existing = fields.get(key);
        FieldBuilder field;
        if (existing == null) {
            field = new FieldBuilder(occurrence.getName(), key, occurrence.getArguments(), client);
            fields.put(key, field);
        } else if (existing.sameField(occurrence.getName(), occurrence.getArguments())) {
            field = existing;
            existing.client |= client;
        } else if (client && !existing.client) {
            relocate(existing);
            field = new FieldBuilder(occurrence.getName(), key, occurrence.getArguments(), true);
            fields.put(key, field);
        } else {
            field = aliased(occurrence.getName(), occurrence.getArguments());
        }
        if (composite && field.sub == null) {
            field.sub = new SelectionBuilder(aliases);
        }
        return field;
    }

    /** The field of this name and these arguments that the plan added, under an alias when its name is taken. */
    private FieldBuilder aliased(String name, List<Argument> arguments) {
        for (FieldBuilder field : fields.values()) {
            if (!field.client && field.sameField(name, arguments)) {
                return field;
            }
        }
        FieldBuilder field = new FieldBuilder(name, aliases.next(name), arguments, false);
        fields.put(field.key, field);
        return field;
    }

    private void relocate(FieldBuilder field) {
        fields.remove(field.key);
        field.key = aliases.next(field.name);
        fields.put(field.key, field);
    }

    void typename() {
        fields.putIfAbsent("__typename", new FieldBuilder("__typename", "__typename", List.of(), false));
    }

    /**
     * Adds the fields of a key (or any field set) as fields the plan needs, merging nested selections; returns the
     * field each top-level selection of the set landed on.
     */
    Map<Field, FieldBuilder> fieldSet(SelectionSet fieldSet) {
        Map<Field, FieldBuilder> landed = new LinkedHashMap<>();
        for (Selection<?> selection : fieldSet.getSelections()) {
            if (selection instanceof Field field) {
                FieldBuilder builder = field(field.transform(b -> b.alias(null)), field.getSelectionSet() != null, false);
                if (field.getSelectionSet() != null) {
                    builder.sub.fieldSet(field.getSelectionSet());
                }
                landed.put(field, builder);
            } else if (selection instanceof InlineFragment inline && inline.getTypeCondition() != null) {
                fragment(inline.getTypeCondition().getName()).fieldSet(inline.getSelectionSet());
            }
        }
        return landed;
    }

    /** The field of this name and arguments, or null. */
    FieldBuilder find(String name, List<Argument> arguments) {
        FieldBuilder byName = fields.get(name);
        if (byName != null && byName.sameField(name, arguments)) {
            return byName;
        }
        return fields.values().stream().filter(f -> f.sameField(name, arguments)).findFirst().orElse(null);
    }

    /** Adds every field and fragment of {@code other}, merging the sub-selections of fields at the same response key. */
    void addAll(SelectionBuilder other) {
        other.fields.forEach((key, field) -> {
            Field occurrence = Field.newField(field.name).alias(key.equals(field.name) ? null : key).arguments(field.arguments).build();
            FieldBuilder mine = field(occurrence, field.sub != null, field.client);
            if (field.sub != null) {
                mine.sub.addAll(field.sub);
            }
        });
        other.fragments.forEach((type, sub) -> fragment(type).addAll(sub));
    }

    SelectionBuilder fragment(String typeCondition) {
        return fragments.computeIfAbsent(typeCondition, type -> new SelectionBuilder(aliases));
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

    private static String argumentsText(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        arguments.forEach(argument -> text.append(argument.getName()).append(':').append(AstPrinter.printAstCompact(argument.getValue())).append(','));
        return text.toString();
    }
}
