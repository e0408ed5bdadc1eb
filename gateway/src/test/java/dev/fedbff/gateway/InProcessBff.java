package dev.fedbff.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fedbff.gateway.core.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A BFF in this JVM on a free port: the gateway's auto-configuration with the repository's schema and given settings. */
public final class InProcessBff implements AutoCloseable {

    public static final String SECRET = "resilience-integration-test-secret-0123456789";

    /** The smallest application: the gateway's auto-configuration, nothing scanned. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /** What the client got, and how long it waited. */
    public record Response(int status, Map<String, Object> json, Duration took) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> error(int index) {
            return ((List<Map<String, Object>>) json.get("errors")).get(index);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> extensions(int index) {
            return (Map<String, Object>) error(index).get("extensions");
        }
    }

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI graphql;

    private InProcessBff(ConfigurableApplicationContext context) {
        this.context = context;
        this.graphql = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/graphql");
    }

    public static InProcessBff start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "server.port", "0",
                "spring.main.banner-mode", "off",
                "fedbff.schema.location", "../schema",
                "fedbff.auth.hs256-secret", SECRET,
                "eureka.client.enabled", "false"));
        all.putAll(settings);
        List<String> properties = new ArrayList<>();
        all.forEach((key, value) -> properties.add(key + "=" + value));
        return new InProcessBff(new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties(properties.toArray(String[]::new)).run());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @SuppressWarnings("unchecked")
    public Response post(String query, String token) {
        String body = new String(Json.write(Map.of("query", query)), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request);
        return new Response(response.statusCode(), (Map<String, Object>) Json.read(response.body()), Duration.ofNanos(System.nanoTime() - started));
    }

    /** A request to {@code path} (with its query string) on this BFF, to be completed and sent with {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(graphql.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends a request as it is, and returns the answer as it came. */
    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String token(String subject) {
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

    @Override
    public void close() {
        context.close();
    }
}
