package dev.fedbff.gateway.execute;

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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A field's argument values as plain Java: literals, variables, and the schema's defaults for absent arguments. */
final class ArgumentValues {

    private ArgumentValues() {
    }

    static Map<String, Object> of(GraphQLFieldDefinition definition, List<Argument> arguments, Map<String, Object> variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (GraphQLArgument argument : definition.getArguments()) {
            var defaultValue = argument.getArgumentDefaultValue();
            if (defaultValue.isLiteral() && defaultValue.getValue() instanceof Value<?> literal) {
                values.put(argument.getName(), value(literal, variables));
            } else if (defaultValue.isExternal()) {
                values.put(argument.getName(), defaultValue.getValue());
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

    static Object value(Value<?> value, Map<String, Object> variables) {
        if (value instanceof VariableReference reference) {
            return variables.get(reference.getName());
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
            Map<String, Object> fields = new LinkedHashMap<>();
            object.getObjectFields().forEach(field -> fields.put(field.getName(), value(field.getValue(), variables)));
            return fields;
        }
        return null;
    }
}
