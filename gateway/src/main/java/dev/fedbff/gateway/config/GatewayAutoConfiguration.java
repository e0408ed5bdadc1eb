package dev.fedbff.gateway.config;

import dev.fedbff.gateway.compose.Supergraph;
import dev.fedbff.gateway.connect.CachingConnector;
import dev.fedbff.gateway.connect.GraphQLOverHttpConnector;
import dev.fedbff.gateway.connect.BackendCaller;
import dev.fedbff.gateway.connect.FetchHeaders;
import dev.fedbff.gateway.connect.IdentityHeaders;
import dev.fedbff.gateway.connect.OwnFields;
import dev.fedbff.gateway.connect.OwnFieldsConnector;
import dev.fedbff.gateway.connect.RestConnector;
import dev.fedbff.gateway.connect.RoutingConnector;
import dev.fedbff.gateway.connect.ServiceLocator;
import dev.fedbff.gateway.connect.SubgraphConnector;
import dev.fedbff.gateway.edge.BrokenBodyGuard;
import dev.fedbff.gateway.edge.DecodingFailureHandler;
import dev.fedbff.gateway.edge.GraphQLGateway;
import dev.fedbff.gateway.edge.GraphQLHttpHandler;
import dev.fedbff.gateway.edge.RequestContexts;
import dev.fedbff.gateway.edge.RequestSizeLimit;
import dev.fedbff.gateway.execute.PlanExecutor;
import dev.fedbff.gateway.observe.BackendMetrics;
import dev.fedbff.gateway.observe.MeteredConnector;
import dev.fedbff.gateway.persisted.PersistedOperations;
import dev.fedbff.gateway.plan.OverrideLabels;
import dev.fedbff.gateway.ratelimit.RateLimitGate;
import dev.fedbff.gateway.resilience.BackendResilience;
import dev.fedbff.gateway.resilience.Resilience4jBackendResilience;
import dev.fedbff.gateway.resilience.ResilientConnector;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** The engine as beans: composed supergraph, connectors wrapped in resilience, the gateway and its route. */
@AutoConfiguration
@EnableConfigurationProperties({GatewayProperties.class, LimitsProperties.class, ContractProperties.class})
@Import({ResilienceConfiguration.class, ObservabilityConfiguration.class, GatewaySecurityConfiguration.class, PersistedQueriesConfiguration.class,
        GraphiQLConfiguration.class, SchemaReloadConfiguration.class})
public class GatewayAutoConfiguration {

    /**
     * The one way the served graph is built, at start-up and on every reload: {@code fedbff.schema} read and composed
     * with the BFF's own schema files ({@link OwnFields} beans), then narrowed to its contract ({@code fedbff.contract}).
     */
    @Bean
    @ConditionalOnMissingBean
    SupergraphSource fedbffSupergraphSource(GatewayProperties properties, ContractProperties contract, ObjectProvider<OwnFields> ownFields) {
        return new SupergraphLoader(properties.schema(), ownFields.orderedStream()
                .map(own -> new dev.fedbff.gateway.compose.SchemaFile(own.schema().path(), own.schema().text())).toList(), contract.contract());
    }

    @Bean
    Supergraph supergraph(SupergraphSource fedbffSupergraphSource) {
        return fedbffSupergraphSource.load();
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceLocator serviceLocator(GatewayProperties properties, Supergraph supergraph, ObjectProvider<ReactiveDiscoveryClient> discoveryClients,
                                  ObjectProvider<Clock> clock) {
        return DiscoverySettings.locator(properties, supergraph.addresses(), discoveryClients.orderedStream(), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean(destroyMethod = "dispose")
    ConnectionProvider fedbffConnectionProvider() {
        // idle connections are closed before a backend's keep-alive timeout can close them under a request
        return ConnectionProvider.builder("fedbff").maxConnections(500).pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(15)).build();
    }

    /** Every call to a backend goes through this client: pooled, and trusting {@code fedbff.backend-ssl-bundle} for https. */
    @Bean
    HttpClient fedbffBackendClient(ConnectionProvider fedbffConnectionProvider, GatewayProperties properties, ObjectProvider<SslBundles> sslBundles) {
        return BackendClient.create(fedbffConnectionProvider, properties.backendSslBundle(), sslBundles.getIfAvailable());
    }

    /** The one component every backend call goes through: GraphQL fetches, REST connector calls and passthrough routes. */
    @Bean
    BackendCaller fedbffBackendCaller(HttpClient fedbffBackendClient, ServiceLocator locator, ObjectProvider<Clock> clock,
                                      dev.fedbff.gateway.core.RequestTracing fedbffRequestTracing) {
        return new BackendCaller(fedbffBackendClient, locator, clock.getIfUnique(Clock::systemUTC), fedbffRequestTracing);
    }

    @Bean
    @ConditionalOnMissingBean
    BackendResilience backendResilience(CircuitBreakerRegistry fedbffCircuitBreakers, TimeLimiterRegistry fedbffTimeLimiters,
                                        RetryRegistry fedbffRetries, BulkheadRegistry fedbffBulkheads) {
        return new Resilience4jBackendResilience(fedbffCircuitBreakers, fedbffTimeLimiters, fedbffRetries, fedbffBulkheads);
    }

    @Bean
    SubgraphConnector subgraphConnector(BackendCaller fedbffBackendCaller, BackendResilience resilience, GatewayProperties properties,
                                        BackendMetrics fedbffBackendMetrics, ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                                        ObjectProvider<Ticker> ticker, ObjectProvider<OwnFields> ownFields) {
        return new OwnFieldsConnector(ownFields.orderedStream().toList(), backendConnector(fedbffBackendCaller, resilience, properties,
                fedbffBackendMetrics, meters, ticker));
    }

    private static SubgraphConnector backendConnector(BackendCaller fedbffBackendCaller, BackendResilience resilience, GatewayProperties properties,
                                                      BackendMetrics fedbffBackendMetrics,
                                                      ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters, ObjectProvider<Ticker> ticker) {
        IdentityHeaders identity = new IdentityHeaders(properties.auth().subjectHeader(), properties.auth().rolesHeader());
        FetchHeaders headers = new FetchHeaders(identity, Set.copyOf(properties.forwardAuthorization()));
        SubgraphConnector routing = new RoutingConnector(new GraphQLOverHttpConnector(fedbffBackendCaller, headers),
                new RestConnector(fedbffBackendCaller, headers));
        SubgraphConnector resilient = new ResilientConnector(routing, resilience);
        GatewayProperties.ConnectorCache cache = properties.connectorCache();
        if (cache.ttl().isEmpty()) {
            return new MeteredConnector(resilient, fedbffBackendMetrics);
        }
        CachingConnector caching = new CachingConnector(resilient, cache.ttl(), cache.maxStale(), cache.maximumEntries(),
                ticker.getIfUnique(Ticker::systemTicker));
        caching.monitor(ObservabilityConfiguration.registry(meters));
        return new MeteredConnector(caching, fedbffBackendMetrics);
    }

    @Bean
    GraphQLGateway graphQLGateway(Supergraph supergraph, SubgraphConnector subgraphConnector, GatewayProperties properties,
                                  ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters, LimitsProperties limits,
                                  dev.fedbff.gateway.core.RequestTracing fedbffRequestTracing) {
        OverrideLabels overrideLabels = OverrideLabels.enabling(java.util.Set.copyOf(properties.overrideLabels()));
        GraphQLGateway gateway = new GraphQLGateway(supergraph, new PlanExecutor(subgraphConnector), properties.cacheSize(), limits.operationLimits(),
                overrideLabels);
        gateway.monitor(ObservabilityConfiguration.registry(meters));
        gateway.trace(fedbffRequestTracing);
        return gateway;
    }

    /** Each request's context, for {@code /graphql} and the REST routes: its budget is {@code fedbff.resilience.request-timeout}. */
    @Bean
    RequestContexts fedbffRequestContexts(GatewayProperties properties, ObjectProvider<Clock> clock) {
        return new RequestContexts(properties.resilience().requestTimeout(), clock.getIfUnique(Clock::systemUTC), properties.explain());
    }

    @Bean
    RouterFunction<ServerResponse> graphqlRoute(GraphQLGateway gateway, ObjectProvider<RateLimitGate> rateLimits, RequestContexts fedbffRequestContexts,
                                                PersistedOperations fedbffPersistedOperations) {
        GraphQLHttpHandler handler = new GraphQLHttpHandler(gateway, rateLimits.getIfAvailable(() -> RateLimitGate.UNLIMITED), fedbffRequestContexts,
                fedbffPersistedOperations);
        return RouterFunctions.route(RequestPredicates.path("/graphql"), handler::handle);
    }

    @Bean
    RequestSizeLimit fedbffGraphQLRequestSizeLimit(LimitsProperties limits) {
        return new RequestSizeLimit(limits.maxRequestSize().toBytes());
    }

    @Bean
    DecodingFailureHandler fedbffDecodingFailureHandler() {
        return new DecodingFailureHandler();
    }

    @Bean
    ReadinessLog fedbffReadinessLog() {
        return new ReadinessLog();
    }

    @Bean
    BrokenBodyGuard fedbffBrokenBodyGuard() {
        return new BrokenBodyGuard();
    }
}
