package dev.fedbff.gateway.compose;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The two schemas of an Apollo supergraph: the whole schema without federation machinery ({@code join__*},
 * {@code link__*} and the other linked specs' types, every directive but the built-in ones), which planning and shaping
 * use, and the API schema clients see, which also leaves out every element marked {@code @inaccessible}.
 */
final class SupergraphSchemas {

    private static final Set<String> BUILT_IN_DIRECTIVES = Set.of("deprecated", "specifiedBy", "oneOf");

    private final String path;
    private final Document document;
    private final String inaccessible;

    SupergraphSchemas(String path, Document document, String inaccessible) {
        this.path = path;
        this.document = document;
        this.inaccessible = inaccessible;
    }

    GraphQLSchema schema() {
        return build(false);
    }

    GraphQLSchema apiSchema() {
        return build(true);
    }

    private GraphQLSchema build(boolean api) {
        List<Definition> definitions = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof SchemaDefinition schema) {
                definitions.add(schema.transform(b -> b.directives(List.of())));
            } else if (definition instanceof TypeDefinition<?> type && !SupergraphSdl.isMachinery(type.getName()) && !(api && hidden(type))) {
                definitions.add(clean(type, api));
            }
        }
        try {
            TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(Document.newDocument().definitions(definitions).build());
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        } catch (SchemaProblem problem) {
            throw new CompositionException(List.of(new CompositionError(path, 0, 0, "INVALID_SUPERGRAPH",
                    (api ? "the API schema " : "the schema ") + "does not build: " + problem.getMessage())));
        }
    }

    private boolean hidden(DirectivesContainer<?> element) {
        return !element.getDirectives(inaccessible).isEmpty();
    }

    private TypeDefinition<?> clean(TypeDefinition<?> type, boolean api) {
        if (type instanceof ObjectTypeDefinition object) {
            return object.transform(b -> b.directives(List.of()).implementz(visibleTypes(object.getImplements(), api))
                    .fieldDefinitions(fields(object.getFieldDefinitions(), api)));
        }
        if (type instanceof InterfaceTypeDefinition iface) {
            return iface.transform(b -> b.directives(List.of()).implementz(visibleTypes(iface.getImplements(), api))
                    .definitions(fields(iface.getFieldDefinitions(), api)));
        }
        if (type instanceof UnionTypeDefinition union) {
            return union.transform(b -> b.directives(List.of()).memberTypes(visibleTypes(union.getMemberTypes(), api)));
        }
        if (type instanceof EnumTypeDefinition enumType) {
            return enumType.transform(b -> b.directives(List.of()).enumValueDefinitions(enumType.getEnumValueDefinitions().stream()
                    .filter(value -> !(api && hidden(value))).map(value -> value.transform(v -> v.directives(builtIn(value)))).toList()));
        }
        if (type instanceof InputObjectTypeDefinition input) {
            return input.transform(b -> b.directives(List.of()).inputValueDefinitions(inputValues(input.getInputValueDefinitions(), api)));
        }
        if (type instanceof ScalarTypeDefinition scalar) {
            return scalar.transform(b -> b.directives(builtIn(scalar)));
        }
        return type;
    }

    private List<FieldDefinition> fields(List<FieldDefinition> fields, boolean api) {
        return fields.stream().filter(field -> !(api && hidden(field)))
                .map(field -> field.transform(b -> b.directives(builtIn(field)).inputValueDefinitions(inputValues(field.getInputValueDefinitions(), api))))
                .toList();
    }

    private List<InputValueDefinition> inputValues(List<InputValueDefinition> values, boolean api) {
        return values.stream().filter(value -> !(api && hidden(value))).map(value -> value.transform(b -> b.directives(builtIn(value)))).toList();
    }

    /** The member types or interfaces that are in the schema being built: in the API schema, those not {@code @inaccessible}. */
    private List<Type> visibleTypes(List<Type> types, boolean api) {
        if (!api) {
            return types;
        }
        return types.stream().filter(t -> document.getDefinitionsOfType(TypeDefinition.class).stream()
                .noneMatch(d -> d.getName().equals(((TypeName) t).getName()) && hidden((DirectivesContainer<?>) d))).toList();
    }

    private static List<Directive> builtIn(DirectivesContainer<?> element) {
        return element.getDirectives().stream().filter(d -> BUILT_IN_DIRECTIVES.contains(d.getName())).toList();
    }
}
