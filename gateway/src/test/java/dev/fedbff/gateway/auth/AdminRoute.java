package dev.fedbff.gateway.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One REST route next to the gateway's, {@code GET /api/admin}, that needs the role {@code admin} and refuses others
 * the way a passthrough route does: by signalling {@link AccessDeniedException}.
 */
@Configuration(proxyBeanMethods = false)
class AdminRoute {

    @Bean
    RouterFunction<ServerResponse> adminOnlyRoute() {
        return RouterFunctions.route(RequestPredicates.GET("/api/admin"), request -> request.principal()
                .cast(Authentication.class)
                .filter(caller -> caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch("admin"::equals))
                .switchIfEmpty(Mono.error(new AccessDeniedException("needs the role admin")))
                .flatMap(caller -> ServerResponse.ok().bodyValue("hello " + caller.getName())));
    }
}
