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
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.web.server.authorization.DelegatingReactiveAuthorizationManager;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcherEntry;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.config.observation.SecurityObservationSettings;
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
     * already time every request by surface, route and status. The settings keep Spring Security from wrapping its
     * chain, authentication and authorization in observing decorators at all; the predicate turns off any that another
     * configuration still creates.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings fedbffSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, its header checks without regular expressions ({@link HeaderCharacters}). */
    @Bean
    @ConditionalOnMissingBean
    ServerWebExchangeFirewall fedbffFirewall() {
        return HeaderCharacters.firewall();
    }

    @Bean
    ObservationPredicate fedbffNoSpringSecurityObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    /**
     * Who may do what: a request to {@code /graphql} or under {@code /api/} (the two surfaces every client request goes to)
     * needs an authenticated caller, decided by a plain prefix test; anything else as the path patterns say (scrape and
     * schema paths need their scope, public paths nobody, the rest an authenticated caller). The prefix test is skipped
     * for a surface that a scrape, schema or public pattern could match, so the patterns decide there as before. Saves
     * matching half a dozen patterns, each a Mono of its own and an eagerly formatted debug message, on every GraphQL
     * and passthrough request.
     */
    static ReactiveAuthorizationManager<AuthorizationContext> authorization(String scrapeScope, String schemaScope, String[] publicPaths) {
        ReactiveAuthorizationManager<AuthorizationContext> authenticated = AuthenticatedReactiveAuthorizationManager.authenticated();
        DelegatingReactiveAuthorizationManager patterns = DelegatingReactiveAuthorizationManager.builder()
                .add(new ServerWebExchangeMatcherEntry<>(ServerWebExchangeMatchers.pathMatchers(SCRAPE_PATHS), scope(scrapeScope)))
                .add(new ServerWebExchangeMatcherEntry<>(ServerWebExchangeMatchers.pathMatchers(SCHEMA_PATHS), scope(schemaScope)))
                .add(new ServerWebExchangeMatcherEntry<>(ServerWebExchangeMatchers.pathMatchers(publicPaths),
                        (authentication, context) -> Mono.just((AuthorizationResult) new AuthorizationDecision(true))))
                .add(new ServerWebExchangeMatcherEntry<>(ServerWebExchangeMatchers.anyExchange(), authenticated))
                .build();
        List<String> others = Stream.of(Stream.of(SCRAPE_PATHS), Stream.of(SCHEMA_PATHS), Stream.of(publicPaths)).flatMap(paths -> paths).toList();
        boolean graphql = others.stream().noneMatch(pattern -> overlaps(pattern, "/graphql"));
        boolean api = others.stream().noneMatch(pattern -> overlaps(pattern, "/api/"));
        return (authentication, context) -> {
            String path = context.getExchange().getRequest().getPath().pathWithinApplication().value();
            if (graphql && path.equals("/graphql") || api && path.startsWith("/api/")) {
                return authenticated.authorize(authentication, context);
            }
            return patterns.authorize(authentication, context.getExchange());
        };
    }

    /**
     * Whether {@code pattern} could match {@code prefix} or a path that starts with it: an exact pattern when it starts
     * with the prefix, a pattern with wildcards or variables when its literal beginning and the prefix overlap.
     */
    static boolean overlaps(String pattern, String prefix) {
        int wildcard = pattern.length();
        for (char c : new char[]{'*', '?', '{'}) {
            int at = pattern.indexOf(c);
            if (at >= 0) {
                wildcard = Math.min(wildcard, at);
            }
        }
        String literal = pattern.substring(0, wildcard);
        return literal.startsWith(prefix) || wildcard < pattern.length() && prefix.startsWith(literal);
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
                        .anyExchange().access(authorization(metrics.scrapeScope(), properties.schema().reload().scope(), publicPaths)))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(caller)))
                        .authenticationEntryPoint(errors).authenticationFailureHandler(errors).accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .build();
    }
}
