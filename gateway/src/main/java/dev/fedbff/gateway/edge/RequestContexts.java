package dev.fedbff.gateway.edge;

import dev.fedbff.gateway.auth.Callers;
import dev.fedbff.gateway.core.Caller;
import dev.fedbff.gateway.core.Deadline;
import dev.fedbff.gateway.core.RequestContext;
import dev.fedbff.gateway.core.RequestLog;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds each request's {@link RequestContext} once, when it reaches a handler, for {@code /graphql} and the REST
 * routes alike: the caller the security chain verified, a deadline that starts now, the client application's name and
 * version, the request's id, and whether it asked for the query plan.
 */
public final class RequestContexts {

    /** The request header that asks for the plan in {@code extensions.queryPlan}, named as in Apollo Router. */
    public static final String EXPLAIN_HEADER = "Apollo-Expose-Query-Plan";
    /** The request header that asks for the operation's estimated cost in {@code extensions.cost}. */
    public static final String EXPOSE_COST_HEADER = "Fedbff-Expose-Cost";
    /** The headers a client application names itself with, as Apollo's clients send them. */
    public static final String CLIENT_NAME_HEADER = "apollographql-client-name";
    public static final String CLIENT_VERSION_HEADER = "apollographql-client-version";

    /** No budget, no explain: for handlers used without configuration. */
    public static final RequestContexts UNLIMITED = new RequestContexts(Duration.ZERO, Clock.systemUTC(), false);

    private final Duration budget;
    private final Clock clock;
    private final boolean explainAllowed;

    /**
     * @param budget         one request's time budget ({@code fedbff.resilience.request-timeout}); zero for none
     * @param clock          the time the budget is measured by
     * @param explainAllowed whether {@value #EXPLAIN_HEADER}{@code : true} adds the printed plan to responses ({@code fedbff.explain})
     */
    public RequestContexts(Duration budget, Clock clock, boolean explainAllowed) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("fedbff.resilience.request-timeout must not be negative, was " + budget);
        }
        this.budget = budget;
        this.clock = clock;
        this.explainAllowed = explainAllowed;
    }

    /** The context of the request in {@code exchange}; its budget starts now. */
    public Mono<RequestContext> of(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Deadline deadline = budget.isZero() ? Deadline.none() : Deadline.after(budget, clock);
            HttpHeaders headers = exchange.getRequest().getHeaders();
            RequestContext.Client client = new RequestContext.Client(header(headers, CLIENT_NAME_HEADER), header(headers, CLIENT_VERSION_HEADER));
            boolean explain = explainAllowed && "true".equalsIgnoreCase(headers.getFirst(EXPLAIN_HEADER));
            java.util.List<java.util.Locale.LanguageRange> languages = languages(headers);
            boolean exposeCost = "true".equalsIgnoreCase(headers.getFirst(EXPOSE_COST_HEADER));
            RequestLog log = RequestLog.of(exchange.getAttributes());
            String id = log.requestId().isEmpty() ? exchange.getRequest().getId() : log.requestId();
            return exchange.getPrincipal().map(Callers::of).defaultIfEmpty(Caller.ANONYMOUS)
                    .doOnNext(caller -> log.caller(caller.anonymous() || caller.subject() == null ? "anonymous" : "user:" + caller.subject()))
                    .map(caller -> new RequestContext(caller, deadline, client, id, explain, languages, exposeCost));
        });
    }

    /** {@code Accept-Language} as ranges, most preferred first; a malformed header counts as none. */
    private static java.util.List<java.util.Locale.LanguageRange> languages(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE);
        if (value == null || value.isBlank()) {
            return java.util.List.of();
        }
        try {
            return java.util.Locale.LanguageRange.parse(value);
        } catch (IllegalArgumentException e) {
            return java.util.List.of();
        }
    }

    private static String header(HttpHeaders headers, String name) {
        String value = headers.getFirst(name);
        return value == null ? "" : value;
    }
}
