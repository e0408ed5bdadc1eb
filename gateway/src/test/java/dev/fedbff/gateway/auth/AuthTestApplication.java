package dev.fedbff.gateway.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as a BFF runs it, in process on a free port, plus one REST route that needs the role {@code admin}
 * and refuses others the way a passthrough route does: by signalling {@link AccessDeniedException}.
 */
@SpringBootApplication
class AuthTestApplication {

    static ConfigurableApplicationContext start(Map<String, String> properties) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off",
                "fedbff.schema.location", "../schema", "eureka.client.enabled", "false"));
        List.of("users", "orders", "products", "payments").forEach(service -> settings.put("fedbff.services." + service, "http://127.0.0.1:9"));
        settings.putAll(properties);
        String[] arguments = settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
        SpringApplication application = new SpringApplication(AuthTestApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        return application.run(arguments);
    }

    @Bean
    RouterFunction<ServerResponse> adminRoute() {
        return RouterFunctions.route(RequestPredicates.GET("/api/admin"), request -> request.principal()
                .cast(Authentication.class)
                .filter(caller -> caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch("admin"::equals))
                .switchIfEmpty(Mono.error(new AccessDeniedException("needs the role admin")))
                .flatMap(caller -> ServerResponse.ok().bodyValue("hello " + caller.getName())));
    }
}
