package dev.fedbff.gateway.compose;

import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every element of a schema document that directives such as {@code @tag} and {@code @cost} may sit on, with its
 * coordinate: {@code Type}, {@code Type.field}, {@code Type.field(argument:)}, {@code Input.field}, {@code Enum.VALUE}.
 */
final class SchemaElements {

    private SchemaElements() {
    }

    /** {@code element} for each element of {@code document}, types first and then their members, in document order. */
    static void forEach(Document document, BiConsumer<String, DirectivesContainer<?>> element) {
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            String name = type.getName();
            element.accept(name, (DirectivesContainer<?>) type);
            List<FieldDefinition> fields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                    : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
            for (FieldDefinition field : fields) {
                String coordinate = name + "." + field.getName();
                element.accept(coordinate, field);
                field.getInputValueDefinitions().forEach(argument -> element.accept(coordinate + "(" + argument.getName() + ":)", argument));
            }
            if (type instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(value -> element.accept(name + "." + value.getName(), value));
            }
            if (type instanceof EnumTypeDefinition enumType) {
                enumType.getEnumValueDefinitions().forEach(value -> element.accept(name + "." + value.getName(), value));
            }
        }
    }
}
