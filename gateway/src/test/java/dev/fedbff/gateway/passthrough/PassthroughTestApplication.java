package dev.fedbff.gateway.passthrough;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A BFF in this JVM on a free port: the gateway library with its auto-configuration, the routes of the
 * {@code passthrough} profile ({@code application-passthrough.yml}), and every service pointed at the given backends.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class PassthroughTestApplication {

    static final List<String> SERVICES = List.of("users", "orders", "products", "payments", "files");

    /** Starts a gateway whose services all live at {@code backend}, plus {@code settings} ({@code key=value}). */
    static ConfigurableApplicationContext start(String backend, String... settings) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.profiles.active=passthrough",
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "fedbff.schema.location=../schema",
                "fedbff.auth.hs256-secret=" + Tokens.SECRET,
                "eureka.client.enabled=false"));
        SERVICES.forEach(service -> properties.add("fedbff.services." + service + "=" + backend));
        properties.addAll(List.of(settings));
        return new SpringApplicationBuilder(PassthroughTestApplication.class).web(WebApplicationType.REACTIVE)
                .properties(properties.toArray(String[]::new)).run();
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    static Map<String, Object> scope(String scope) {
        return Map.of("scope", scope);
    }
}
