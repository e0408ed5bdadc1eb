package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.core.ResponseError;
import graphql.language.Document;

import java.util.List;
import java.util.Set;

/**
 * A query text parsed and validated against one supergraph version; cached, so each text is parsed once.
 *
 * @param document          null when the text does not parse
 * @param errors            parse or validation errors, as GraphQL errors
 * @param conditionVariables the variables read by {@code @skip}/{@code @include}: their values are part of the plan key
 */
record ParsedDocument(Document document, List<ResponseError> errors, boolean syntaxError, Set<String> conditionVariables) {

    boolean valid() {
        return errors.isEmpty();
    }
}
