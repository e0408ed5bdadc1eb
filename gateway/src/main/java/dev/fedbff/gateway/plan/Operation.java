package dev.fedbff.gateway.plan;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operation a request selects from its document, with the document's fragments at hand. */
public record Operation(OperationDefinition definition, Map<String, FragmentDefinition> fragments) {

    /**
     * Selects the operation named {@code operationName}, or the only one when the name is absent.
     *
     * @throws PlanningException when the name matches no operation, or is missing and there are several
     */
    public static Operation select(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toUnmodifiableMap(FragmentDefinition::getName, Function.identity()));
        if (operationName == null || operationName.isEmpty()) {
            if (operations.size() != 1) {
                throw new PlanningException("OPERATION_NAME_REQUIRED", "the document holds " + operations.size()
                        + " operations: name the one to run with operationName");
            }
            return new Operation(operations.get(0), fragments);
        }
        return operations.stream().filter(op -> operationName.equals(op.getName())).findFirst()
                .map(op -> new Operation(op, fragments))
                .orElseThrow(() -> new PlanningException("OPERATION_NOT_FOUND", "no operation named \"" + operationName + "\" in the document"));
    }

    public OperationDefinition.Operation kind() {
        return definition.getOperation();
    }

    public String name() {
        return definition.getName();
    }
}
