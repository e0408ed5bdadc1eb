package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.CompositionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a composition failure at start-up into Spring Boot's short report: the problems, one line each, no stack trace. */
class CompositionFailureAnalyzer extends AbstractFailureAnalyzer<CompositionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CompositionException cause) {
        return new FailureAnalysis("The subgraph schemas do not compose:\n" + cause.getMessage(),
                "Fix the schema files named above (file:line:column: RULE: problem), then start again. "
                        + "The same check runs in the tests against schema/.", cause);
    }
}
