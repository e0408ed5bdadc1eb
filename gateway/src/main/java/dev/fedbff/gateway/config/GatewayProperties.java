package dev.fedbff.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a BFF configures, under {@code fedbff}. Names match the code: the breaker of service
 * {@code payments} is configured under {@code fedbff.resilience.services.payments}.
 *
 * @param schema     where the subgraph schema files are
 * @param services   service name to the addresses of its instances (one, or a list, each optionally weighted), e.g.
 *                   {@code users: http://localhost:4001}; a registry, when one is enabled, is asked first
 * @param auth       how callers are authenticated
 * @param resilience the request's time budget; timeouts, circuit breakers, retries and bulkheads, with shared named
 *                   configs and per-service overrides
 * @param loadBalancing how calls spread over a service's instances, and when a failing instance is ejected
 * @param connectorCache how long answers of REST connector fetches are kept, per subgraph, and served stale on failure
 * @param explain    whether a request with {@code Apollo-Expose-Query-Plan: true} gets the printed plan in
 *                   {@code extensions.queryPlan} (on in the {@code dev} profile, off by default)
 * @param forwardAuthorization the services that receive the caller's {@code Authorization: Bearer} token as sent
 * @param cacheSize  how many parsed documents and plans to keep
 * @param overrideLabels the progressive {@code @override} labels this BFF enables on every request (labels other than
 *                   {@code percent(N)}, which are drawn per request); a field overridden with an enabled label comes from
 *                   the overriding subgraph
 * @param backendSslBundle the SSL bundle ({@code spring.ssl.bundle.pem.<name>}) whose certificates calls to {@code https}
 *                   backends trust, and whose key they present when it has one (mutual TLS); unset: the JDK's trusted authorities
 */
@ConfigurationProperties("fedbff")
public record GatewayProperties(@DefaultValue Schema schema, Map<String, List<ServiceAddress>> services, @DefaultValue Auth auth,
                                @DefaultValue Resilience resilience, @DefaultValue LoadBalancing loadBalancing,
                                List<String> forwardAuthorization, @DefaultValue("2000") long cacheSize, boolean explain,
                                @DefaultValue ConnectorCache connectorCache, @Nullable String backendSslBundle, List<String> overrideLabels) {

    public GatewayProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
        forwardAuthorization = forwardAuthorization == null ? List.of() : List.copyOf(forwardAuthorization);
        overrideLabels = overrideLabels == null ? List.of() : List.copyOf(overrideLabels);
    }

    /**
     * One instance's address: written as the address alone ({@code http://localhost:4001}) or as
     * {@code {uri: http://localhost:4001, weight: 3}}.
     *
     * @param weight the instance's share under the {@code weighted} strategy
     */
    public record ServiceAddress(URI uri, @DefaultValue("1") int weight) {

        /** The address alone, with weight 1: what {@code users: http://localhost:4001} binds through. */
        public static ServiceAddress valueOf(String uri) {
            return new ServiceAddress(URI.create(uri.trim()), 1);
        }
    }

    /**
     * @param location   the folder of {@code *.graphqls} subgraph files, relative to the working directory
     * @param supergraph an Apollo-composed supergraph SDL file to serve instead of {@code location}, for teams moving
     *                   from Apollo Router; its {@code join__graph} URLs address subgraphs not in {@code fedbff.services}
     * @param reload     whether a change to the schema files (or the supergraph file) is composed and served without a restart
     */
    public record Schema(@DefaultValue("schema") String location, String supergraph, @DefaultValue Reload reload) {
    }

    /**
     * @param enabled  whether the schema folder (or the supergraph file) is watched and the {@code schema} management
     *                 endpoint may reload it; off, the graph composed at start-up is served until the process stops
     * @param debounce how long the files must stay unchanged after a change before they are composed again (an editor
     *                 or a deployment writes several files in a row)
     * @param scope    the OAuth scope a token needs for the {@code schema} management endpoint ({@code /actuator/schema}),
     *                 which shows the graph serving and reloads it on demand
     */
    public record Reload(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration debounce,
                         @DefaultValue("schema") String scope) {
    }

    /**
     * How bearer tokens are verified; at least one of {@code hs256Secret} and {@code jwksUri} must be set.
     *
     * @param hs256Secret   the shared secret that signs tokens (HS256); at least 32 bytes
     * @param jwksUri       the identity provider's JWK set (RS256/ES256 keys, refetched when a token names a new key)
     * @param issuer        the {@code iss} every token must carry; unset checks none
     * @param audiences     a token's {@code aud} must name one of these; empty checks none
     * @param algorithms    the accepted {@code alg} values; empty means HS256 with a secret, RS256 and ES256 with a JWKS URL
     * @param clockSkew     how far {@code exp} and {@code nbf} may be off
     * @param rolesClaim    the claim holding the caller's roles, e.g. {@code roles}, {@code scope}, {@code realm_access.roles}
     * @param publicPaths   path patterns that need no token
     * @param subjectHeader the header that carries the verified subject to backends
     * @param rolesHeader   the header that carries the verified roles to backends
     */
    public record Auth(String hs256Secret, URI jwksUri, String issuer, List<String> audiences, List<String> algorithms,
                       @DefaultValue("60s") Duration clockSkew, @DefaultValue("roles") String rolesClaim,
                       @DefaultValue({"/actuator/health/**", "/actuator/info"}) List<String> publicPaths,
                       @DefaultValue("X-User-Id") String subjectHeader, @DefaultValue("X-User-Roles") String rolesHeader) {

        public Auth {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
            algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        }
    }

    /**
     * The request's budget, and the defaults every backend inherits. {@code configs.<name>} are shared named configs;
     * {@code services.<name>} overrides settings for one backend, on top of its {@code base-config} if it names one.
     *
     * @param requestTimeout        one client request's whole time budget: each backend call gets what is left of it,
     *                              and none starts once it has run out; 0 for no budget
     * @param timeout               how long one backend call may take
     * @param failureRateThreshold  the percentage of failed calls (no answer, timeout, 5xx) in the window that opens the breaker
     * @param slowCallRateThreshold the percentage of slow calls in the window that opens the breaker
     * @param slowCallDuration      a call slower than this is slow
     * @param slidingWindowSize     how many recent calls the breaker looks at
     * @param waitInOpenState       how long an open breaker rejects calls before it lets probe calls through
     * @param maxConcurrentCalls    the bulkhead: calls to one backend in flight at once; more are refused at once
     * @param retry                 how reads are retried; writes never are
     * @param configs               shared named configs with the same settings as a service, e.g. {@code slow-backends}
     * @param services              one backend's settings by service name (the breaker, time limiter, retry and bulkhead
     *                              of that name): {@code base-config} names a shared config it inherits, then the defaults
     */
    public record Resilience(@DefaultValue("10s") Duration requestTimeout, @DefaultValue("5s") Duration timeout,
                             @DefaultValue("50") float failureRateThreshold, @DefaultValue("100") float slowCallRateThreshold,
                             @DefaultValue("3s") Duration slowCallDuration, @DefaultValue("20") int slidingWindowSize,
                             @DefaultValue("10s") Duration waitInOpenState, @DefaultValue("200") int maxConcurrentCalls,
                             @DefaultValue Retry retry, Map<String, ServiceResilience> configs, Map<String, ServiceResilience> services) {

        public Resilience {
            configs = configs == null ? Map.of() : Map.copyOf(configs);
            services = services == null ? Map.of() : Map.copyOf(services);
        }
    }

    /**
     * @param maxAttempts attempts in all, the first included; 1 never retries
     * @param backoff     the wait before the first retry; it doubles for each next one, within ±50% jitter, and a longer
     *                    {@code Retry-After} from the backend wins
     * @param maxBackoff  the longest wait between attempts, before jitter
     */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration backoff, @DefaultValue("1s") Duration maxBackoff) {
    }

    /**
     * A named config or one backend's overrides; an unset value is inherited from the base config, then the defaults.
     *
     * @param baseConfig the name of the shared config (under {@code configs}) this backend inherits from
     */
    public record ServiceResilience(Duration timeout, Float failureRateThreshold, Integer slidingWindowSize, Duration waitInOpenState,
                                    Float slowCallRateThreshold, Duration slowCallDuration, Integer maxConcurrentCalls,
                                    RetryOverride retry, String baseConfig) {
    }

    /** Retry settings of a named config or one backend; an unset value is inherited. */
    public record RetryOverride(Integer maxAttempts, Duration backoff, Duration maxBackoff) {
    }

    /**
     * Defaults for every service; {@code services.<name>} overrides them for one.
     *
     * @param strategy           {@code round-robin}, {@code least-outstanding} or {@code weighted} (by each instance's
     *                           {@code weight}: configured, or the registry's instance metadata)
     * @param ejectAfterFailures consecutive failed calls (no answer, or a 5xx) that take an instance out; 0 never does
     * @param ejectionTime       how long an ejected instance is left out before one probe call is let through
     * @param services           one service's {@code strategy}, {@code eject-after-failures} and {@code ejection-time},
     *                           by service name; unset ones inherit the defaults above
     */
    public record LoadBalancing(@DefaultValue("round-robin") dev.fedbff.gateway.connect.BalancingStrategy strategy,
                                @DefaultValue("5") int ejectAfterFailures, @DefaultValue("30s") Duration ejectionTime,
                                Map<String, ServiceLoadBalancing> services) {

        public LoadBalancing {
            services = services == null ? Map.of() : Map.copyOf(services);
        }
    }

    /** One service's load balancing; an unset value inherits the default. */
    public record ServiceLoadBalancing(dev.fedbff.gateway.connect.BalancingStrategy strategy, Integer ejectAfterFailures, Duration ejectionTime) {
    }

    /**
     * @param ttl            how long a REST connector subgraph's answers are fresh, by subgraph ({@code products: 30s}); none: not cached
     * @param maxStale       how long after that an answer may still be served, marked stale, while the backend fails
     * @param maximumEntries how many answers are kept
     */
    public record ConnectorCache(Map<String, Duration> ttl, @DefaultValue("5m") Duration maxStale, @DefaultValue("10000") long maximumEntries) {

        public ConnectorCache {
            ttl = ttl == null ? Map.of() : Map.copyOf(ttl);
        }
    }
}
