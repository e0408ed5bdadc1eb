package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.gateway.core.JsonObject;
import dev.fedbff.gateway.core.ResponseError;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the calls of fetches of subgraphs bound to REST endpoints with {@code @connect}: calls each URL, parses the
 * JSON and lets the call's {@link RestCall.RestAnswer} read it into the fetch's result. A root field whose call the
 * backend refused (a 4xx, an answer that is not JSON) is {@code null} with an error at its key; a backend that did not
 * answer or answered 5xx fails the whole fetch.
 */
public final class RestConnector implements SubgraphConnector {

    private final BackendCaller backends;
    private final FetchHeaders headers;

    public RestConnector(BackendCaller backends, FetchHeaders headers) {
        this.backends = backends;
        this.headers = headers;
    }

    @Override
    public Mono<FetchResult> fetch(FetchRequest request) {
        if (!(request.call() instanceof RestCalls rest)) {
            return Mono.error(new IllegalArgumentException("the REST connector got a GraphQL fetch of " + request.subgraph()));
        }
        return switch (rest.mode()) {
            case FIELDS -> fields(rest, request.caller());
            case PER_ENTITY -> Flux.fromIterable(rest.calls())
                    .flatMapSequential(call -> call(call, request.caller()).map(json -> call.answer().read(json)))
                    .collectList().map(entities -> FetchResult.entities(entities, List.of()));
            case BATCH -> call(rest.calls().get(0), request.caller())
                    .map(json -> FetchResult.entities(entities(rest.calls().get(0).answer().read(json)), List.of()));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entities(Object answer) {
        return (List<Object>) answer;
    }

    private Mono<FetchResult> fields(RestCalls rest, Caller caller) {
        JsonObject data = new JsonObject(rest.calls().size());
        List<ResponseError> errors = new ArrayList<>();
        List<Mono<Void>> calls = new ArrayList<>();
        for (RestCall call : rest.calls()) {
            calls.add(call(call, caller)
                    .doOnNext(json -> put(data, call.key(), call.answer().read(json)))
                    .onErrorResume(RestConnector::requestFault, e -> Mono.fromRunnable(() -> failed(data, errors, call.key(), (SubgraphCallException) e)))
                    .then());
        }
        return Flux.merge(calls).then(Mono.fromSupplier(() -> FetchResult.root(data, errors)));
    }

    /**
     * A failure the request caused (a 4xx, an answer that does not map) stays an error at its own field; a backend
     * that did not answer or answered 5xx fails the whole fetch, so the resilience around it counts it and may retry.
     */
    private static boolean requestFault(Throwable error) {
        return error instanceof SubgraphCallException call && !call.backendFault();
    }

    private Mono<Object> call(RestCall call, Caller caller) {
        String service = call.service();
        BackendRequest request = BackendRequest.of(service, HttpMethod.valueOf(call.method()), BackendRequest.Target.url(call.url()),
                headers.of(service, caller, false));
        return backends.call(request)
                .handle((reply, sink) -> {
                    Object json = body(service, call, reply);
                    if (json != null) {
                        sink.next(json);
                    }
                });
    }

    private static Object body(String service, RestCall call, BackendReply reply) {
        if (!reply.ok()) {
            throw new SubgraphCallException(service, "SUBREQUEST_HTTP_ERROR", service + " answered HTTP " + reply.status()
                    + " to " + call.description() + detail(reply), reply.status(), reply.retryAfter());
        }
        try {
            return Json.tree(reply.body());
        } catch (IllegalArgumentException e) {
            throw new SubgraphCallException(service, "SUBREQUEST_MALFORMED_RESPONSE", service + " answered " + call.description()
                    + " with a body that is not JSON", reply.status());
        }
    }

    private static String detail(BackendReply reply) {
        try {
            return Json.tree(reply.body()) instanceof JsonObject problem && problem.get("detail") instanceof String detail ? ": " + detail : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static synchronized void put(JsonObject data, String key, Object value) {
        data.put(key, value);
    }

    private static synchronized void failed(JsonObject data, List<ResponseError> errors, String key, SubgraphCallException e) {
        data.put(key, null);
        errors.add(ResponseError.at(List.of(key), e.code(), e.getMessage()).withService(e.service()).withHttpStatus(e.status()));
    }
}
