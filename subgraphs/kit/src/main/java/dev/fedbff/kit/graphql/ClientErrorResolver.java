package dev.fedbff.kit.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Answers a {@link RejectedRequestException} with a GraphQL error carrying its message and {@code extensions.code}:
 * UNAUTHORIZED for {@link RejectedRequestException#UNAUTHENTICATED}, BAD_REQUEST for every other code. Other
 * exceptions are left to the framework. Register it with {@code @Import(ClientErrorResolver.class)}.
 */
public class ClientErrorResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (!(ex instanceof RejectedRequestException rejected)) {
            return null;
        }
        ErrorType type = rejected.code().equals(RejectedRequestException.UNAUTHENTICATED) ? ErrorType.UNAUTHORIZED : ErrorType.BAD_REQUEST;
        return GraphqlErrorBuilder.newError(env)
                .message(rejected.getMessage())
                .errorType(type)
                .extensions(Map.of("code", rejected.code()))
                .build();
    }
}
