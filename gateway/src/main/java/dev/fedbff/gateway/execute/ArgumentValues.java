package dev.fedbff.gateway.execute;

import dev.fedbff.gateway.core.JsonObject;
import graphql.execution.RawVariables;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/** A field's argument values as JSON: literals, variables, and the schema's defaults for absent arguments. */
final class ArgumentValues {

    private ArgumentValues() {
    }

    /** The arguments by name; an argument given a variable the request left out is absent, not null. */
    static JsonObject of(GraphQLFieldDefinition definition, List<Argument> arguments, RawVariables variables) {
        JsonObject values = new JsonObject();
        for (GraphQLArgument argument : definition.getArguments()) {
            var defaultValue = argument.getArgumentDefaultValue();
            if (defaultValue.isLiteral() && defaultValue.getValue() instanceof Value<?> literal) {
                values.put(argument.getName(), value(literal, variables));
            } else if (defaultValue.isExternal()) {
                values.put(argument.getName(), JsonObject.fromJava(defaultValue.getValue()));
            }
        }
        for (Argument argument : arguments) {
            Object value = value(argument.getValue(), variables);
            if (value != null || !(argument.getValue() instanceof VariableReference ref) || variables.containsKey(ref.getName())) {
                values.put(argument.getName(), value);
            }
        }
        return values;
    }

    static @Nullable Object value(Value<?> value, RawVariables variables) {
        if (value instanceof VariableReference reference) {
            return JsonObject.fromJava(variables.get(reference.getName()));
        }
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof IntValue i) {
            return i.getValue();
        }
        if (value instanceof FloatValue f) {
            return f.getValue();
        }
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        if (value instanceof ArrayValue array) {
            List<Object> items = new ArrayList<>();
            array.getValues().forEach(item -> items.add(value(item, variables)));
            return items;
        }
        if (value instanceof ObjectValue object) {
            JsonObject fields = new JsonObject();
            object.getObjectFields().forEach(field -> fields.put(field.getName(), value(field.getValue(), variables)));
            return fields;
        }
        return null;
    }
}
