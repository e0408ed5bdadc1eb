package dev.fedbff.gateway.core;

/**
 * What the edge knows about one client request, built once when it arrives and read by every stage after it, on
 * {@code /graphql} and on the REST routes alike: who is calling, the time budget, which client application sent it,
 * the request's id for logs and traces, and whether the client asked to see the query plan. Immutable; a stage that
 * learns more makes a new one with a {@code with...} method.
 *
 * @param caller    the verified caller, {@link Caller#ANONYMOUS} without a token
 * @param deadline  the request's time budget ({@code fedbff.resilience.request-timeout}); {@link Deadline#none()} when unlimited
 * @param client    the client application, as it names itself ({@code apollographql-client-name} and {@code -version})
 * @param requestId the id of the request in logs and traces
 * @param explain   true when the printed plan goes into {@code extensions.queryPlan} (explain allowed and asked for)
 * @param languages the client's {@code Accept-Language}, most preferred first; empty when it sent none
 * @param exposeCost true when the operation's estimated cost goes into {@code extensions.cost} (the client asked)
 */
public record RequestContext(Caller caller, Deadline deadline, Client client, String requestId, boolean explain,
                             java.util.List<java.util.Locale.LanguageRange> languages, boolean exposeCost) {

    public RequestContext {
        languages = java.util.List.copyOf(languages);
    }

    public RequestContext(Caller caller, Deadline deadline, Client client, String requestId, boolean explain) {
        this(caller, deadline, client, requestId, explain, java.util.List.of(), false);
    }

    /** The client application: its name and version as it sent them, empty when it sent none. */
    public record Client(String name, String version) {

        public static final Client UNKNOWN = new Client("", "");
    }

    /** A context for code that has no HTTP request: an anonymous caller, no budget, no client, no explain. */
    public static final RequestContext NONE = new RequestContext(Caller.ANONYMOUS, Deadline.none(), Client.UNKNOWN, "", false);

    /** The context of a request without an HTTP edge (tests, benchmarks, tools), by a given caller. */
    public static RequestContext of(Caller caller) {
        return NONE.withCaller(caller);
    }

    public RequestContext withCaller(Caller caller) {
        return new RequestContext(caller, deadline, client, requestId, explain, languages, exposeCost);
    }

    public RequestContext withDeadline(Deadline deadline) {
        return new RequestContext(caller, deadline, client, requestId, explain, languages, exposeCost);
    }

    public RequestContext withExplain(boolean explain) {
        return new RequestContext(caller, deadline, client, requestId, explain, languages, exposeCost);
    }
}
