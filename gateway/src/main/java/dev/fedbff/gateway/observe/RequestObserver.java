package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.core.RequestLog;
import dev.fedbff.gateway.core.RequestThreadLocals;
import dev.fedbff.gateway.core.RequestTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The first filter every client request meets, before authentication: it settles the request's id ({@code X-Request-Id}
 * as sent when it is safe, else a new one; returned on the answer and sent to every backend), opens the request's
 * {@link RequestLog}, and once the answer has gone records {@code fedbff.requests} and {@code fedbff.errors} and writes
 * one access-log line (logger {@value #ACCESS_LOGGER}). The line names the caller by subject, never by token.
 */
public final class RequestObserver implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String ACCESS_LOGGER = "fedbff.access";
    /** Runs before Spring Security's chain (-100), so refused requests are timed and logged too. */
    public static final int ORDER = -200;

    /** What a request id a client sends may hold: at most 128 letters, digits and {@code . _ : + / = -}. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    private final MeterCache<RequestTags, Timer> requests;
    private final MeterCache<ErrorTags, Counter> errors;
    private final OperationNames operations;
    private final RequestTracing tracing;
    private final Predicate<String> passthroughPaths;

    /**
     * @param slo               the request timer's histogram buckets ({@code fedbff.metrics.slo})
     * @param maxOperationNames distinct operation names tagged before others become {@code other}
     * @param tracing           the trace id of the request being served
     */
    public RequestObserver(MeterRegistry registry, List<Duration> slo, int maxOperationNames, RequestTracing tracing) {
        this(registry, slo, maxOperationNames, tracing, path -> path.startsWith("/api/"));
    }

    /**
     * @param passthroughPaths the paths the REST passthrough serves ({@code /api/**} and every route's path): a request
     *                         to one is tagged surface {@code passthrough} even when it is refused before a route takes
     *                         it (401, 403 from the security chain)
     */
    public RequestObserver(MeterRegistry registry, List<Duration> slo, int maxOperationNames, RequestTracing tracing,
                           Predicate<String> passthroughPaths) {
        Meter.MeterProvider<Timer> requests = Timer.builder("fedbff.requests")
                .description("Client requests, by surface, route or operation, outcome and status")
                .serviceLevelObjectives(slo.toArray(Duration[]::new))
                .withRegistry(registry);
        Meter.MeterProvider<Counter> errors = Counter.builder("fedbff.errors").description("Errors answered to clients, by code").withRegistry(registry);
        this.requests = new MeterCache<>(tags -> requests.withTags("surface", tags.surface(), "route", tags.route(), "operation", tags.operation(),
                "outcome", tags.outcome(), "status", Integer.toString(tags.status())));
        this.errors = new MeterCache<>(tags -> errors.withTags("surface", tags.surface(), "code", tags.code()));
        this.operations = new OperationNames(maxOperationNames);
        this.tracing = tracing;
        this.passthroughPaths = passthroughPaths;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        String id = sent != null && SAFE_ID.matcher(sent).matches() ? sent : newId();
        RequestLog log = new RequestLog(id);
        log.attachTo(exchange.getAttributes());
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if ("/graphql".equals(path)) {
            log.graphql();
        } else if (path.startsWith("/actuator/") || path.equals("/actuator")) {
            log.management();
        } else if (passthroughPaths.test(path)) {
            log.passthrough("");
        }
        exchange.getResponse().getHeaders().set(REQUEST_ID, id);
        long started = System.nanoTime();
        // the RequestLog goes into the context that the request's own context is read from, in one contextWrite: with
        // Reactor's automatic context propagation every contextWrite restores the request's thread locals on each signal
        return Mono.deferContextual(context -> {
            log.traceId(tracing.traceId(context));
            return chain.filter(exchange).doFinally(signal -> finished(exchange, log, signal, System.nanoTime() - started, context));
        }).contextWrite(context -> context.put(RequestLog.class, log));
    }

    /**
     * A new request id: a random (version 4) UUID as {@link UUID#randomUUID()} writes it, from the thread's own generator:
     * an id names a request in logs, it is no secret, so it needs no SecureRandom (which every event loop would share).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private void finished(ServerWebExchange exchange, RequestLog log, SignalType signal, long nanos, ContextView context) {
        int status = signal == SignalType.CANCEL ? 499 : status(exchange.getResponse().getStatusCode());
        String cached = exchange.getResponse().getHeaders().getFirst("X-Cache");
        if (cached != null && log.surface().equals(RequestLog.PASSTHROUGH)) {
            log.cache(cached);
        }
        List<String> errors = log.errorCodes();
        String surface = log.surface();
        String operation = surface.equals(RequestLog.GRAPHQL) ? operations.tag(log.operation()) : "none";
        String route = log.route().isEmpty() ? "none" : log.route();
        requests.get(new RequestTags(surface, route, operation, outcome(status, errors), status)).record(nanos, TimeUnit.NANOSECONDS);
        errors.forEach(code -> this.errors.get(new ErrorTags(surface, code)).increment());
        if (ACCESS.isInfoEnabled()) {
            // the line carries the request's trace and span ids (MDC) whether or not Reactor propagates thread locals itself
            RequestThreadLocals.run(context, () -> access(exchange, log, status, nanos));
        }
    }

    /** One line per request at INFO; actuator requests (probes, scrapes) at DEBUG, so probes do not flood the log. */
    private static void access(ServerWebExchange exchange, RequestLog log, int status, long nanos) {
        boolean management = log.surface().equals(RequestLog.MANAGEMENT);
        if (management ? !ACCESS.isDebugEnabled() : !ACCESS.isInfoEnabled()) {
            return;
        }
        String name = log.surface().equals(RequestLog.GRAPHQL) ? (log.operation().isEmpty() ? OperationNames.UNKNOWN : log.operation())
                : log.route().isEmpty() ? "-" : log.route();
        String caller = log.caller().isEmpty() ? "anonymous" : log.caller();
        String cache = log.cache().isEmpty() ? "-" : log.cache();
        String trace = log.traceId().isEmpty() ? "-" : log.traceId();
        long millis = nanos / 1_000_000;
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        (management ? ACCESS.atDebug() : ACCESS.atInfo())
                .addKeyValue("request_id", log.requestId())
                .addKeyValue("surface", log.surface())
                .addKeyValue("name", name)
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("caller", caller)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("backend_calls", log.backendCalls())
                .addKeyValue("cache", cache)
                .addKeyValue("trace_id", trace)
                .log("{} {} {} name={} caller={} status={} duration_ms={} backend_calls={} cache={} trace_id={} request_id={}",
                        log.surface(), method, path, name, caller, status, millis, log.backendCalls(), cache, trace, log.requestId());
    }

    private record RequestTags(String surface, String route, String operation, String outcome, int status) {
    }

    private record ErrorTags(String surface, String code) {
    }

    private static int status(HttpStatusCode code) {
        return code == null ? 200 : code.value();
    }

    /** success, partial (an answer with errors), client_error or server_error. */
    private static String outcome(int status, List<String> errors) {
        if (status >= 500) {
            return "server_error";
        }
        if (status >= 400) {
            return "client_error";
        }
        return errors.isEmpty() ? "success" : "partial";
    }
}
