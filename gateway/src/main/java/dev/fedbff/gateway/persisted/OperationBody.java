package dev.fedbff.gateway.persisted;

import graphql.language.AstPrinter;
import graphql.language.AstSignature;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What persisted operations compute from an operation's text: its hash, its normalized form, its shape. */
final class OperationBody {

    private static final Set<String> INTROSPECTION_FIELDS = Set.of("__schema", "__type", "__typename");

    private OperationBody() {
    }

    /** The lower-case hex SHA-256 of the UTF-8 text: the {@code sha256Hash} an APQ client sends. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The parsed document; empty when the text is not GraphQL (or is larger than the parser accepts). */
    static Optional<Document> parse(String text) {
        try {
            return Optional.of(Parser.parse(ParserEnvironment.newParserEnvironment().document(text)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build()));
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The document printed compactly: two texts that differ only in whitespace, commas or comments print the same. */
    static String normalized(Document document) {
        return AstPrinter.printAstCompact(document);
    }

    /**
     * The operation's shape, as Apollo's operation signature: literals hidden, aliases dropped, fields sorted, so that
     * the same operation with other arguments or formatting has one shape.
     */
    static String shape(Document document, @Nullable String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        String name = operationName == null && operations.size() == 1 ? operations.get(0).getName() : operationName;
        try {
            String shape = AstPrinter.printAstCompact(new AstSignature().signatureQuery(document, name));
            return shape.isEmpty() ? normalized(document) : shape;
        } catch (RuntimeException e) {
            return normalized(document);
        }
    }

    /** Whether every operation in the document asks only for {@code __schema}, {@code __type} and {@code __typename}. */
    static boolean introspectionOnly(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.put(fragment.getName(), fragment));
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return !operations.isEmpty() && operations.stream().allMatch(operation -> introspectionOnly(operation.getSelectionSet(), fragments, new HashSet<>()));
    }

    private static boolean introspectionOnly(@Nullable SelectionSet selections, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (selections == null) {
            return true;
        }
        for (Selection<?> selection : selections.getSelections()) {
            if (!introspectionOnly(selection, fragments, seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean introspectionOnly(Selection<?> selection, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        if (selection instanceof Field field) {
            return INTROSPECTION_FIELDS.contains(field.getName());
        }
        if (selection instanceof InlineFragment inline) {
            return introspectionOnly(inline.getSelectionSet(), fragments, seen);
        }
        FragmentDefinition fragment = selection instanceof FragmentSpread spread ? fragments.get(spread.getName()) : null;
        return fragment != null && (!seen.add(fragment.getName()) || introspectionOnly(fragment.getSelectionSet(), fragments, seen));
    }
}
