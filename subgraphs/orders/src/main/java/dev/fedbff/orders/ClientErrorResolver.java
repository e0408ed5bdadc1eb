package dev.fedbff.orders;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

@Component
class ClientErrorResolver extends DataFetcherExceptionResolverAdapter {

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
