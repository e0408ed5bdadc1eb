package dev.fedbff.users;

import dev.fedbff.kit.graphql.ClientErrorResolver;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

@SpringBootApplication
@Import(ClientErrorResolver.class)
public class UsersApplication {

    public static void main(String[] args) {
        SpringApplication.run(UsersApplication.class, args);
    }

    /** ETags on the REST reads, and 304 for a matching {@code If-None-Match}; the GraphQL endpoint is left alone. */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> restEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns("/users/*");
        return registration;
    }
}
