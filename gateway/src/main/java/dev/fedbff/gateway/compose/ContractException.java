package dev.fedbff.gateway.compose;

import java.util.List;

/** Thrown when a BFF's contract cannot narrow the composed graph; the message holds one line per problem, each with its code. */
public final class ContractException extends RuntimeException {

    private final List<String> problems;

    public ContractException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
