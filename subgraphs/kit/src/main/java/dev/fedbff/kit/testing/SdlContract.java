package dev.fedbff.kit.testing;

import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reduces an SDL document to a sorted set of facts: schema-level directives (the federation @link and its version),
 * types, fields with arguments, enum values, input fields and directives. Descriptions, formatting and ordering drop
 * out, and so does what the framework adds to a served schema: federation plumbing ("_", "link__", "federation__"
 * names) and DGS's ErrorType and ErrorDetail enums.
 */
public final class SdlContract {

    private static final Set<String> FRAMEWORK_TYPES = Set.of("ErrorType", "ErrorDetail");

    private SdlContract() {
    }

    public static Set<String> facts(String sdl) {
        Set<String> facts = new TreeSet<>();
        Document document = Parser.parse(sdl);
        for (SchemaDefinition schema : document.getDefinitionsOfType(SchemaDefinition.class)) {
            schema.getDirectives().forEach(d -> facts.add("Schema" + directive(d)));
        }
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            if (isPlumbing(type.getName()) || FRAMEWORK_TYPES.contains(type.getName())) {
                continue;
            }
            String name = type.getClass().getSimpleName().replace("Extension", "").replace("Definition", "") + " " + type.getName();
            facts.add(name + directives(type.getDirectives()));
            if (type instanceof ObjectTypeDefinition object) {
                object.getFieldDefinitions().stream().filter(f -> !isPlumbing(f.getName())).forEach(f -> facts.add(name + "." + field(f)));
            } else if (type instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(v -> facts.add(name + "." + inputValue(v)));
            } else if (type instanceof EnumTypeDefinition anEnum) {
                anEnum.getEnumValueDefinitions().forEach(v -> facts.add(name + "." + v.getName() + directives(v.getDirectives())));
            }
        }
        return facts;
    }

    private static String field(FieldDefinition field) {
        String arguments = field.getInputValueDefinitions().stream()
                .sorted(Comparator.comparing(InputValueDefinition::getName))
                .map(SdlContract::inputValue)
                .collect(Collectors.joining(", ", "(", ")"));
        return field.getName() + arguments + ": " + AstPrinter.printAst(field.getType()) + directives(field.getDirectives());
    }

    private static String inputValue(InputValueDefinition value) {
        String defaultValue = value.getDefaultValue() == null ? "" : " = " + AstPrinter.printAst(value.getDefaultValue());
        return value.getName() + ": " + AstPrinter.printAst(value.getType()) + defaultValue + directives(value.getDirectives());
    }

    private static String directives(List<Directive> directives) {
        return directives.stream().map(SdlContract::directive).sorted().collect(Collectors.joining());
    }

    private static String directive(Directive directive) {
        Set<String> arguments = directive.getArguments().stream()
                .map(a -> a.getName() + ": " + AstPrinter.printAst(a.getValue()))
                .collect(Collectors.toCollection(TreeSet::new));
        if (directive.getName().equals("key") && directive.getArgument("resolvable") == null) {
            arguments.add("resolvable: true");
        }
        return " @" + directive.getName() + arguments;
    }

    private static boolean isPlumbing(String name) {
        return name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__");
    }
}
