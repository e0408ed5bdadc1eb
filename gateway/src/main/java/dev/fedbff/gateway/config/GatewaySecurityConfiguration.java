package dev.fedbff.gateway.config;

import dev.fedbff.gateway.auth.CallerAuthenticationConverter;
import dev.fedbff.gateway.auth.Callers;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import dev.fedbff.gateway.auth.IdentityHeaderFilter;
import dev.fedbff.gateway.auth.JwtVerifier;
import dev.fedbff.gateway.edge.AuthenticationErrors;
import dev.fedbff.gateway.passthrough.PublicPaths;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import java.util.List;
import java.util.stream.Stream;

/**
 * Bearer-token authentication with Spring Security's reactive resource server: every route but the public paths
 * (health by default) needs a valid JWT. Identity headers a client sent are dropped first; the verified subject
 * and the roles from {@code fedbff.auth.roles-claim} become the identity sent to backends. Cross-origin requests
 * ({@code fedbff.cors}) are checked before authentication, so a browser's preflight needs no token. Stateless: no
 * security context or request is kept in a WebSession.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class GatewaySecurityConfiguration {

    /** Refuses bad {@code fedbff.auth} settings at start-up; {@link AuthSettingFailureAnalyzer} reports them. */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder fedbffJwtDecoder(GatewayProperties properties) {
        GatewayProperties.Auth auth = properties.auth();
        return JwtVerifier.builder()
                .hs256Secret(auth.hs256Secret())
                .jwksUri(auth.jwksUri())
                .issuer(auth.issuer())
                .audiences(auth.audiences())
                .algorithms(auth.algorithms())
                .clockSkew(auth.clockSkew())
                .build();
    }

    /** What Prometheus reads: never public, whatever the public paths say; a token with {@code fedbff.metrics.scrape-scope} reads it. */
    private static final String[] SCRAPE_PATHS = {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"};

    /** Shows the graph serving and reloads it: a token with {@code fedbff.schema.reload.scope} uses it, never the public. */
    private static final String[] SCHEMA_PATHS = {"/actuator/schema", "/actuator/schema/**"};

    private static ReactiveAuthorizationManager<AuthorizationContext> scope(String scope) {
        return (authentication, context) -> authentication
                .map(token -> (AuthorizationResult) new AuthorizationDecision(token.isAuthenticated() && Callers.of(token).scopes().contains(scope)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /**
     * Spring Security's own observations (a timer and a long-task timer around the filter chain, each filter,
     * authentication and authorization) stay off: they cost a few percent of a passthrough request, and fedbff's metrics
     * already time every request by surface, route and status.
     */
    @Bean
    ObservationPredicate fedbffNoSpringSecurityObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain fedbffSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, GatewayProperties properties,
                                          ObjectProvider<PublicPaths> routePublicPaths, CorsProperties cors, MetricsProperties metrics) {
        GatewayProperties.Auth auth = properties.auth();
        String[] publicPaths = Stream.concat(auth.publicPaths().stream(), routePublicPaths.orderedStream().flatMap(paths -> paths.patterns().stream()))
                .distinct().toArray(String[]::new);
        CallerAuthenticationConverter caller = new CallerAuthenticationConverter(auth.rolesClaim());
        AuthenticationErrors errors = new AuthenticationErrors();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // stateless: the bearer token is checked on every request, so no WebSession is looked up or created
                // (creating one hops to Reactor's boundedElastic and parallel schedulers, off the event loop)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(spec -> cors.source().ifPresentOrElse(spec::configurationSource, spec::disable))
                .addFilterAt(new IdentityHeaderFilter(List.of(auth.subjectHeader(), auth.rolesHeader())), SecurityWebFiltersOrder.FIRST)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(SCRAPE_PATHS).access(scope(metrics.scrapeScope()))
                        .pathMatchers(SCHEMA_PATHS).access(scope(properties.schema().reload().scope()))
                        .pathMatchers(publicPaths).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(caller)))
                        .authenticationEntryPoint(errors).authenticationFailureHandler(errors).accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .build();
    }
}
