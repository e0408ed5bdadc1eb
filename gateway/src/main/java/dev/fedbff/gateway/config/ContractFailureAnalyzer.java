package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.ContractException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a contract that cannot narrow the graph into Spring Boot's short report: one line per problem, no stack trace. */
class ContractFailureAnalyzer extends AbstractFailureAnalyzer<ContractException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContractException cause) {
        return new FailureAnalysis("The contract in fedbff.contract cannot be applied to the composed graph:\n" + cause.getMessage(),
                "Change fedbff.contract.include/exclude or the @tag directives in the schema files named above, then start again.", cause);
    }
}
