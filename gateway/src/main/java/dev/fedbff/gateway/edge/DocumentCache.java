package dev.fedbff.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.language.NodeTraverser;
import graphql.language.SourceLocation;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates query texts against the public schema, once per text and supergraph version. */
final class DocumentCache {

    private record Key(String version, String query) {
    }

    private final Cache<Key, ParsedDocument> cache;
    private final OperationLimits limits;

    DocumentCache(long maximumSize, OperationLimits limits) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        this.limits = limits;
    }

    /** Publishes size, hits, misses and evictions as {@code cache.*} metrics tagged {@code cache=fedbff.documents}. */
    void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, cache, "fedbff.documents");
    }

    ParsedDocument get(String version, GraphQLSchema schema, String query) {
        return cache.get(new Key(version, query), key -> parse(schema, query));
    }

    private ParsedDocument parse(GraphQLSchema schema, String query) {
        ParseAndValidateResult parsed = ParseAndValidate.parse(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Map.of(ParserOptions.class, limits.parserOptions())).build());
        if (parsed.isFailure()) {
            InvalidSyntaxException failure = parsed.getSyntaxException();
            return new ParsedDocument(null, List.of(error(failure.toInvalidSyntaxError(), OperationLimits.parseFailureCode(failure))), true, Set.of());
        }
        Document document = parsed.getDocument();
        List<Map<String, Object>> errors = ParseAndValidate.validate(schema, document).stream()
                .map(e -> error(e, "GRAPHQL_VALIDATION_FAILED")).toList();
        if (errors.isEmpty()) {
            errors = limits.check(document);
        }
        return new ParsedDocument(document, errors, false, conditionVariables(document));
    }

    static Map<String, Object> error(GraphQLError error, String code) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", error.getMessage());
        List<SourceLocation> locations = error.getLocations();
        if (locations != null && !locations.isEmpty()) {
            out.put("locations", locations.stream().map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        out.put("extensions", Map.of("code", code));
        return out;
    }

    private static Set<String> conditionVariables(Document document) {
        Set<String> names = new HashSet<>();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                if ((node.getName().equals("skip") || node.getName().equals("include")) && node.getArgument("if") != null
                        && !(node.getArgument("if").getValue() instanceof BooleanValue)
                        && node.getArgument("if").getValue() instanceof VariableReference reference) {
                    names.add(reference.getName());
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return Set.copyOf(names);
    }
}
