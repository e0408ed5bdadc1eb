package dev.fedbff.gateway.ratelimit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** One BFF started in this JVM on a random port: the gateway library with its auto-configuration and the given settings. */
final class BffInstance implements AutoCloseable {

    static final String SECRET = "rate-limit-integration-test-secret-0123456789";
    static final String QUERY = "{\"query\":\"{ __typename }\"}";

    /** The smallest application: the gateway's auto-configuration, nothing scanned. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI graphql;

    private BffInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.graphql = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/graphql");
    }

    /** @param settings extra {@code key=value} properties, e.g. the {@code fedbff.rate-limit} block */
    static BffInstance start(String name, String... settings) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=" + name,
                "server.port=0",
                "spring.main.banner-mode=off",
                "fedbff.schema.location=../schema",
                "fedbff.auth.hs256-secret=" + SECRET,
                "eureka.client.enabled=false"));
        properties.addAll(List.of(settings));
        return new BffInstance(new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties(properties.toArray(String[]::new)).run());
    }

    HttpResponse<String> query(String subject) {
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token(subject)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }

    static String token(String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * 5 queries a minute (and 100 an hour) per caller in the Redis on {@code redisPort}. The check timeout is 1 s rather
     * than the default 200 ms so that a slow, cold test machine does not fall into the fail mode on the first requests.
     */
    static String[] redisPolicy(int redisPort, String failMode) {
        return new String[]{
                "fedbff.rate-limit.redis.uri=redis://127.0.0.1:" + redisPort,
                "fedbff.rate-limit.redis.fail-mode=" + failMode,
                "fedbff.rate-limit.redis.timeout=1s",
                "fedbff.rate-limit.policies.graphql-query.bands[0].capacity=5",
                "fedbff.rate-limit.policies.graphql-query.bands[0].period=1m",
                "fedbff.rate-limit.policies.graphql-query.bands[1].capacity=100",
                "fedbff.rate-limit.policies.graphql-query.bands[1].period=1h"};
    }
}
