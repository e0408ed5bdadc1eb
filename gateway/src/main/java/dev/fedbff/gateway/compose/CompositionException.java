package dev.fedbff.gateway.compose;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when the subgraph schemas do not compose; the message holds one line per problem. */
public final class CompositionException extends RuntimeException {

    private final List<CompositionError> errors;

    public CompositionException(List<CompositionError> errors) {
        super(errors.stream().map(CompositionError::toString).collect(Collectors.joining("\n")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<CompositionError> errors() {
        return errors;
    }
}
