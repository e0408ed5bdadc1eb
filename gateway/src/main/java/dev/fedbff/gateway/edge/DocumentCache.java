package dev.fedbff.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fedbff.gateway.core.ResponseError;
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

    /** Drops every entry: the graph they were made for no longer serves. */
    void clear() {
        cache.invalidateAll();
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
        List<ResponseError> errors = ParseAndValidate.validate(schema, document).stream()
                .map(e -> error(e, "GRAPHQL_VALIDATION_FAILED")).toList();
        if (errors.isEmpty()) {
            errors = limits.check(document);
        }
        return new ParsedDocument(document, errors, false, conditionVariables(document));
    }

    static ResponseError error(GraphQLError error, String code) {
        List<SourceLocation> locations = error.getLocations() == null ? List.of() : error.getLocations();
        return ResponseError.request(code, error.getMessage())
                .withLocations(locations.stream().map(l -> new ResponseError.Location(l.getLine(), l.getColumn())).toList());
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
