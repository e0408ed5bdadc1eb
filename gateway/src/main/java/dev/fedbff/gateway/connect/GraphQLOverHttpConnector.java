package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

import java.util.List;

/** Sends a fetch's operation to a GraphQL subgraph as a GraphQL-over-HTTP POST to {@code <address>/graphql}. */
public final class GraphQLOverHttpConnector implements SubgraphConnector {

    private final BackendCaller backends;
    private final FetchHeaders headers;

    public GraphQLOverHttpConnector(BackendCaller backends, FetchHeaders headers) {
        this.backends = backends;
        this.headers = headers;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        String service = request.subgraph();
        if (!(request.call() instanceof GraphQLCall call)) {
            return Mono.error(new IllegalArgumentException("the GraphQL connector got a REST fetch of " + service));
        }
        BackendRequest post = new BackendRequest(service, HttpMethod.POST, BackendRequest.Target.graphQLEndpoint(),
                headers.of(service, request.caller(), true), Json.write(body(request, call)), null);
        return backends.call(post).map(reply -> result(service, request, reply));
    }

    private static JsonObject body(FetchRequest request, GraphQLCall call) {
        return JsonObject.of("query", call.operation(), "variables", call.sentVariables(request.entity()));
    }

    @SuppressWarnings("unchecked")
    private static FetchResult result(String service, FetchRequest request, BackendReply reply) {
        if (reply.status() >= 500) {
            throw new SubgraphCallException(service, "SUBREQUEST_HTTP_ERROR", "service " + service + " answered HTTP " + reply.status()
                    + firstError(reply), reply.status(), reply.retryAfter());
        }
        SubgraphAnswer answer;
        try {
            answer = Json.read(reply.body(), SubgraphAnswer.class);
        } catch (IllegalArgumentException e) {
            String code = reply.ok() ? "SUBREQUEST_MALFORMED_RESPONSE" : "SUBREQUEST_HTTP_ERROR";
            throw new SubgraphCallException(service, code, "service " + service + " answered HTTP " + reply.status() + " without a GraphQL response", reply.status());
        }
        if (!answer.isGraphQLResponse()) {
            throw new SubgraphCallException(service, "SUBREQUEST_MALFORMED_RESPONSE", "service " + service + " answered HTTP " + reply.status() + " without a GraphQL response", reply.status());
        }
        JsonObject data = answer.data() instanceof JsonObject d ? d : null;
        List<ResponseError> errors = answer.errors(service);
        if (!request.entity()) {
            return FetchResult.root(data == null ? JsonObject.EMPTY : data, errors);
        }
        Object entities = data == null ? null : data.get("_entities");
        return FetchResult.entities(entities instanceof List<?> list ? (List<Object>) list : nulls(request.expectedEntities()), errors);
    }

    /** ": <message>" of the first GraphQL error in a failed answer, or nothing. */
    private static String firstError(BackendReply reply) {
        try {
            String message = Json.read(reply.body(), SubgraphAnswer.class).firstMessage();
            return message == null ? "" : ": " + message;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static List<Object> nulls(int size) {
        return java.util.Collections.nCopies(size, null);
    }
}
