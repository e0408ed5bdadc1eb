package dev.fedbff.gateway.config;

import dev.fedbff.gateway.edge.OperationLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a client may send to {@code /graphql}, under {@code fedbff.limits}; a request over a limit gets 400 (413 for the
 * body) and a GraphQL error whose code names the limit, before any backend is called or a rate-limit token is spent.
 *
 * @param maxDepth        how deep fields may nest ({@code { me { id } }} is 2): {@code MAX_DEPTH_EXCEEDED}
 * @param maxAliases      aliased fields in one operation, fragments expanded: {@code MAX_ALIASES_EXCEEDED}
 * @param maxRootFields   fields at the root of one operation: {@code MAX_ROOT_FIELDS_EXCEEDED}
 * @param maxFields       fields in one operation, fragments expanded (fragment bombs): {@code MAX_FIELDS_EXCEEDED}
 * @param maxTokens       grammar tokens in the document before parsing is cancelled: {@code DOCUMENT_TOO_LARGE}
 * @param introspection   false refuses {@code __schema} and {@code __type} ({@code __typename} stays): {@code INTROSPECTION_DISABLED}
 * @param maxRequestSize  the largest request body: 413 {@code PAYLOAD_TOO_LARGE}
 * @param maxCost         the largest static cost an operation may be estimated to have, from the {@code @cost} and
 *                        {@code @listSize} directives of the schema files as Apollo's demand control counts it; 0 turns
 *                        the limit off: {@code COST_ESTIMATED_TOO_EXPENSIVE}. The header {@code Fedbff-Expose-Cost: true}
 *                        returns the estimate in {@code extensions.cost}
 * @param listSize        the size cost estimation assumes for a list field that no {@code @listSize} sizes
 */
@ConfigurationProperties("fedbff.limits")
public record LimitsProperties(@DefaultValue("15") int maxDepth, @DefaultValue("30") int maxAliases, @DefaultValue("20") int maxRootFields,
                               @DefaultValue("2000") int maxFields, @DefaultValue("15000") int maxTokens, @DefaultValue("true") boolean introspection,
                               @DefaultValue("64KB") DataSize maxRequestSize, @DefaultValue("0") long maxCost, @DefaultValue("10") int listSize) {

    /** Refuses a limit below 1 while binding, so the start-up failure names the setting. */
    public LimitsProperties {
        limits(maxDepth, maxAliases, maxRootFields, maxFields, maxTokens, introspection).maxCost(maxCost).listSize(listSize);
        if (maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("fedbff.limits.max-request-size must be at least 1B, was " + maxRequestSize);
        }
    }

    /** The limits on a parsed operation. */
    public OperationLimits operationLimits() {
        return limits(maxDepth, maxAliases, maxRootFields, maxFields, maxTokens, introspection).maxCost(maxCost).listSize(listSize).build();
    }

    private static OperationLimits.Builder limits(int maxDepth, int maxAliases, int maxRootFields, int maxFields, int maxTokens, boolean introspection) {
        return OperationLimits.builder()
                .maxDepth(maxDepth)
                .maxAliases(maxAliases)
                .maxRootFields(maxRootFields)
                .maxFields(maxFields)
                .maxTokens(maxTokens)
                .introspection(introspection);
    }
}
