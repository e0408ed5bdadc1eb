package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.ResponseError;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one operation may ask for before the gateway plans it, as Apollo Router's operation limits: how deep it nests,
 * how many aliases, root fields and fields in all it selects, how many tokens its text has, and whether it may
 * introspect. Sizes are counted with every fragment expanded where it is spread, yet each fragment is measured only
 * once: a fragment bomb (each fragment spreading the one before twice, two million fields in a few hundred bytes) is
 * refused in time linear in its text, before the planner would expand it.
 *
 * <p>A document over the token limit is not even parsed: {@link #parserOptions()} cancels the parser.
 */
public final class OperationLimits {

    /** The limits a gateway has when {@code fedbff.limits} sets nothing. */
    public static final OperationLimits DEFAULTS = builder().build();

    static final String DOCUMENT_TOO_LARGE = "DOCUMENT_TOO_LARGE";
    static final String MAX_DEPTH_EXCEEDED = "MAX_DEPTH_EXCEEDED";
    static final String MAX_ALIASES_EXCEEDED = "MAX_ALIASES_EXCEEDED";
    static final String MAX_ROOT_FIELDS_EXCEEDED = "MAX_ROOT_FIELDS_EXCEEDED";
    static final String MAX_FIELDS_EXCEEDED = "MAX_FIELDS_EXCEEDED";
    static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";
    static final String COST_ESTIMATED_TOO_EXPENSIVE = "COST_ESTIMATED_TOO_EXPENSIVE";

    /** Whitespace and comments may outnumber grammar tokens by this much; graphql-java's own default ratio. */
    private static final int WHITESPACE_TOKENS_PER_TOKEN = 13;
    /** Parser rules entered per level of nesting are far fewer than this; the parser stops runaway nesting early. */
    private static final int RULES_PER_LEVEL = 32;

    private final int maxDepth;
    private final int maxAliases;
    private final int maxRootFields;
    private final int maxFields;
    private final int maxTokens;
    private final boolean introspection;
    private final long maxCost;
    private final int listSize;
    private final ParserOptions parserOptions;

    private OperationLimits(Builder builder) {
        this.maxDepth = builder.maxDepth;
        this.maxAliases = builder.maxAliases;
        this.maxRootFields = builder.maxRootFields;
        this.maxFields = builder.maxFields;
        this.maxTokens = builder.maxTokens;
        this.introspection = builder.introspection;
        this.maxCost = builder.maxCost;
        this.listSize = builder.listSize;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(maxTokens)
                .maxWhitespaceTokens(saturatedProduct(maxTokens, WHITESPACE_TOKENS_PER_TOKEN))
                .maxRuleDepth(Math.max(ParserOptions.MAX_RULE_DEPTH, saturatedProduct(maxDepth, RULES_PER_LEVEL))));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parser options that cancel parsing once the text has more than {@code max-tokens} tokens or nests absurdly deep. */
    ParserOptions parserOptions() {
        return parserOptions;
    }

    /** The largest estimated cost an operation may have; 0 when cost is not limited. */
    long maxCost() {
        return maxCost;
    }

    /** The size assumed for a list that no {@code @listSize} sizes. */
    int listSize() {
        return listSize;
    }

    /**
     * The refusal of an operation estimated to cost more than {@code fedbff.limits.max-cost}, or null when it may run:
     * its code names the limit, its message and {@code extensions.cost} both numbers.
     */
    @Nullable ResponseError checkCost(OperationDefinition operation, long estimated) {
        if (maxCost == 0 || estimated <= maxCost) {
            return null;
        }
        String subject = operation.getName() == null ? "the operation" : "operation " + operation.getName();
        ResponseError error = ResponseError.request(COST_ESTIMATED_TOO_EXPENSIVE, subject + " is estimated to cost " + count(estimated)
                + "; at most " + count(maxCost) + " is allowed (fedbff.limits.max-cost)");
        error = new ResponseError(error.message(), error.locations(), null, error.code(), null, null,
                dev.fedbff.gateway.core.JsonObject.of("cost", dev.fedbff.gateway.core.JsonObject.of("estimated", estimated, "max", maxCost)));
        SourceLocation location = operation.getSourceLocation();
        return location != null && location.getLine() > 0
                ? error.withLocations(List.of(new ResponseError.Location(location.getLine(), location.getColumn()))) : error;
    }

    /** The code of a parse failure: the parser was cancelled for size or nesting, or the text is not GraphQL. */
    static String parseFailureCode(InvalidSyntaxException failure) {
        if (failure instanceof ParseCancelledTooDeepException) {
            return MAX_DEPTH_EXCEEDED;
        }
        if (failure instanceof ParseCancelledException || failure instanceof ParseCancelledTooManyCharsException) {
            return DOCUMENT_TOO_LARGE;
        }
        return "GRAPHQL_PARSE_FAILED";
    }

    /**
     * The limits each operation of a valid document breaks, as GraphQL errors with a code; empty when it keeps them
     * all. Fragment cycles and unknown fragments (which validation has already refused) count as selecting nothing.
     */
    List<ResponseError> check(Document document) {
        Measure measure = new Measure(document);
        List<ResponseError> errors = new ArrayList<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            check(operation, measure.of(operation.getSelectionSet()), errors);
        }
        return List.copyOf(errors);
    }

    private void check(OperationDefinition operation, Size size, List<ResponseError> errors) {
        String subject = operation.getName() == null ? "the operation" : "operation " + operation.getName();
        SourceLocation location = operation.getSourceLocation();
        if (!introspection && size.introspects()) {
            errors.add(error(INTROSPECTION_DISABLED, "introspection is disabled on this gateway: " + subject
                    + " asks for __schema or __type (__typename is allowed)", location));
        }
        if (size.depth() > maxDepth) {
            errors.add(error(MAX_DEPTH_EXCEEDED, subject + " nests " + count(size.depth()) + " levels deep; at most "
                    + maxDepth + " are allowed (fedbff.limits.max-depth)", location));
        }
        if (size.aliases() > maxAliases) {
            errors.add(error(MAX_ALIASES_EXCEEDED, subject + " uses " + count(size.aliases()) + " aliases once its fragments are expanded; at most "
                    + maxAliases + " are allowed (fedbff.limits.max-aliases)", location));
        }
        if (size.rootFields() > maxRootFields) {
            errors.add(error(MAX_ROOT_FIELDS_EXCEEDED, subject + " selects " + count(size.rootFields()) + " root fields; at most "
                    + maxRootFields + " are allowed (fedbff.limits.max-root-fields)", location));
        }
        if (size.fields() > maxFields) {
            errors.add(error(MAX_FIELDS_EXCEEDED, subject + " selects " + count(size.fields()) + " fields once its fragments are expanded; at most "
                    + maxFields + " are allowed (fedbff.limits.max-fields)", location));
        }
    }

    private static ResponseError error(String code, String message, @Nullable SourceLocation location) {
        ResponseError error = ResponseError.request(code, message);
        return location != null && location.getLine() > 0
                ? error.withLocations(List.of(new ResponseError.Location(location.getLine(), location.getColumn()))) : error;
    }

    private static String count(long value) {
        return value == Long.MAX_VALUE ? "more than " + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE) : String.format(Locale.ROOT, "%,d", value);
    }

    private static int saturatedProduct(int a, int b) {
        long product = (long) a * b;
        return product > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) product;
    }

    @Override
    public String toString() {
        return "OperationLimits{maxDepth=" + maxDepth + ", maxAliases=" + maxAliases + ", maxRootFields=" + maxRootFields
                + ", maxFields=" + maxFields + ", maxTokens=" + maxTokens + ", introspection=" + introspection + ", maxCost=" + maxCost
                + ", listSize=" + listSize + "}";
    }

    /**
     * How big a selection set is with its fragments expanded. Counts saturate at {@link Long#MAX_VALUE}.
     *
     * @param depth      the deepest nesting of fields: {@code { me { id } }} is 2
     * @param fields     every field selection, aliased or not
     * @param aliases    the aliased field selections
     * @param rootFields the fields at the selection set's own level
     * @param introspects whether {@code __schema} or {@code __type} is selected anywhere
     */
    private record Size(long depth, long fields, long aliases, long rootFields, boolean introspects) {

        static final Size NOTHING = new Size(0, 0, 0, 0, false);

        Size and(Size other) {
            return new Size(Math.max(depth, other.depth), plus(fields, other.fields), plus(aliases, other.aliases),
                    plus(rootFields, other.rootFields), introspects || other.introspects);
        }

        /** This selection set as the selection set of one field. */
        Size under(Field field) {
            boolean introspection = field.getName().equals("__schema") || field.getName().equals("__type");
            return new Size(plus(depth, 1), plus(fields, 1), plus(aliases, field.getAlias() == null ? 0 : 1), 1, introspects || introspection);
        }

        private static long plus(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }

    /** Measures selection sets of one document, each fragment once. */
    private static final class Measure {

        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Size> measured = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();

        Measure(Document document) {
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.putIfAbsent(fragment.getName(), fragment));
        }

        Size of(@Nullable SelectionSet selectionSet) {
            Size size = Size.NOTHING;
            if (selectionSet == null) {
                return size;
            }
            for (Selection<?> selection : selectionSet.getSelections()) {
                size = size.and(ofSelection(selection));
            }
            return size;
        }

        private Size ofSelection(Selection<?> selection) {
            if (selection instanceof Field field) {
                return of(field.getSelectionSet()).under(field);
            }
            if (selection instanceof InlineFragment inline) {
                return of(inline.getSelectionSet());
            }
            if (selection instanceof FragmentSpread spread) {
                return ofFragment(spread.getName());
            }
            return Size.NOTHING;
        }

        private Size ofFragment(String name) {
            Size known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || !inProgress.add(name)) {
                return Size.NOTHING;
            }
            Size size = of(fragment.getSelectionSet());
            inProgress.remove(name);
            measured.put(name, size);
            return size;
        }
    }

    /** The limits; {@link #build()} refuses a limit below 1 with a message naming its setting. */
    public static final class Builder {

        private int maxDepth = 15;
        private int maxAliases = 30;
        private int maxRootFields = 20;
        private int maxFields = 2000;
        private int maxTokens = ParserOptions.MAX_QUERY_TOKENS;
        private boolean introspection = true;
        private long maxCost;
        private int listSize = 10;

        private Builder() {
        }

        /** The largest estimated cost ({@code @cost}, {@code @listSize}) an operation may have; 0 for no limit. */
        public Builder maxCost(long maxCost) {
            if (maxCost < 0) {
                throw new IllegalArgumentException("fedbff.limits.max-cost cannot be negative, was " + maxCost);
            }
            this.maxCost = maxCost;
            return this;
        }

        /** The size cost estimation assumes for a list that no {@code @listSize} sizes. */
        public Builder listSize(int listSize) {
            this.listSize = atLeastZero("fedbff.limits.list-size", listSize);
            return this;
        }

        /** How deep fields may nest: {@code { me { id } }} is 2 deep. */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = positive("fedbff.limits.max-depth", maxDepth);
            return this;
        }

        /** How many aliased fields an operation may select, counted with its fragments expanded. */
        public Builder maxAliases(int maxAliases) {
            this.maxAliases = atLeastZero("fedbff.limits.max-aliases", maxAliases);
            return this;
        }

        /** How many fields an operation may select at its root. */
        public Builder maxRootFields(int maxRootFields) {
            this.maxRootFields = positive("fedbff.limits.max-root-fields", maxRootFields);
            return this;
        }

        /** How many fields an operation may select in all, counted with its fragments expanded. */
        public Builder maxFields(int maxFields) {
            this.maxFields = positive("fedbff.limits.max-fields", maxFields);
            return this;
        }

        /** How many grammar tokens (names, punctuation, values) the text may have before parsing is cancelled. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = positive("fedbff.limits.max-tokens", maxTokens);
            return this;
        }

        /** False refuses {@code __schema} and {@code __type}; {@code __typename} is always allowed. */
        public Builder introspection(boolean introspection) {
            this.introspection = introspection;
            return this;
        }

        public OperationLimits build() {
            return new OperationLimits(this);
        }

        private static int positive(String setting, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
            }
            return value;
        }

        private static int atLeastZero(String setting, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(setting + " cannot be negative, was " + value);
            }
            return value;
        }
    }
}
