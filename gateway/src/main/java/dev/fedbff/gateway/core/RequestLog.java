package dev.fedbff.gateway.core;

import reactor.util.context.ContextView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client request did, gathered while it runs for its access-log line and its metrics: the request's id, the
 * surface and route or operation that served it, who called (a key, never a token), how many backend calls it made,
 * its cache outcome and the codes of the errors it answered. One per request, made by the observing filter before
 * anything else runs; stages write to it, the filter reads it once the answer has gone. Safe to write from several
 * threads (parallel fetches count their calls at once).
 *
 * <p>It travels in the exchange's attributes ({@link #of(Map)}) and in the Reactor context ({@link #of(ContextView)}),
 * where the backend caller finds it to count calls and pass the request id on.
 */
public final class RequestLog {

    /** The GraphQL surface; a REST route's surface is {@code passthrough}. */
    public static final String GRAPHQL = "graphql";
    public static final String PASSTHROUGH = "passthrough";
    /** Actuator endpoints: health probes, the scrape. */
    public static final String MANAGEMENT = "management";
    /** A path served by neither surface nor actuator (GraphiQL, unknown paths). */
    public static final String OTHER = "other";

    private final String requestId;
    private volatile String surface = OTHER;
    private volatile String route = "";
    private volatile String operation = "";
    private volatile String caller = "";
    private volatile String cache = "";
    private volatile String traceId = "";
    private final AtomicInteger backendCalls = new AtomicInteger();
    private final List<String> errorCodes = new ArrayList<>();

    public RequestLog(String requestId) {
        this.requestId = requestId;
    }

    /** The log of the request whose exchange attributes these are; a detached one when no filter made one. */
    public static RequestLog of(Map<String, Object> attributes) {
        return attributes.get(RequestLog.class.getName()) instanceof RequestLog log ? log : new RequestLog("");
    }

    /** The log of the request this Reactor context belongs to; a detached one outside a request. */
    public static RequestLog of(ContextView context) {
        return context.getOrDefault(RequestLog.class, new RequestLog(""));
    }

    /** Puts this log into exchange attributes, where {@link #of(Map)} finds it. */
    public void attachTo(Map<String, Object> attributes) {
        attributes.put(RequestLog.class.getName(), this);
    }

    public String requestId() {
        return requestId;
    }

    /** Served by {@code /graphql}: the operation's name (bounded: see the metrics' operation tag). */
    public void graphql(String operationName) {
        this.surface = GRAPHQL;
        this.operation = operationName;
    }

    /** Served by the GraphQL surface before an operation is known. */
    public void graphql() {
        this.surface = GRAPHQL;
    }

    /** Served by an actuator endpoint. */
    public void management() {
        this.surface = MANAGEMENT;
    }

    /** Served by a REST route. */
    public void passthrough(String routeId) {
        this.surface = PASSTHROUGH;
        this.route = routeId;
    }

    /** Who called, as the rate limit keys callers: {@code user:<subject>} or {@code anonymous}. Never a token. */
    public void caller(String key) {
        this.caller = key;
    }

    /** HIT, MISS or STALE for a cached route; the plan cache's hit or miss for GraphQL. */
    public void cache(String outcome) {
        this.cache = outcome;
    }

    public void traceId(String traceId) {
        this.traceId = traceId;
    }

    /** One more call to a backend left the gateway. */
    public void backendCall() {
        backendCalls.incrementAndGet();
    }

    /** The answer carried an error with this code (a GraphQL error's {@code extensions.code} or a problem's code). */
    public void error(String code) {
        synchronized (errorCodes) {
            errorCodes.add(code);
        }
    }

    public String surface() {
        return surface;
    }

    public String route() {
        return route;
    }

    public String operation() {
        return operation;
    }

    public String caller() {
        return caller;
    }

    public String cache() {
        return cache;
    }

    public String traceId() {
        return traceId;
    }

    public int backendCalls() {
        return backendCalls.get();
    }

    public List<String> errorCodes() {
        synchronized (errorCodes) {
            return List.copyOf(errorCodes);
        }
    }
}
