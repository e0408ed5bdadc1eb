package dev.fedbff.gateway.config;

import dev.fedbff.gateway.edge.GraphiQLPage;
import dev.fedbff.gateway.passthrough.PublicPaths;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** GraphiQL at {@code /graphiql} when {@code fedbff.graphiql.enabled} is true (the BFFs' {@code dev} profile); the page needs no token. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("fedbff.graphiql.enabled")
@EnableConfigurationProperties(GraphiQLProperties.class)
class GraphiQLConfiguration {

    @Bean
    RouterFunction<ServerResponse> fedbffGraphiQLRoute() {
        return new GraphiQLPage().routes();
    }

    @Bean
    PublicPaths fedbffGraphiQLPublicPaths() {
        return new PublicPaths(GraphiQLPage.publicPaths());
    }
}
