package dev.fedbff.gateway;

import dev.fedbff.gateway.core.Json;
import dev.fedbff.testsupport.TokenIssuer;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way a test starts a BFF in this JVM: the gateway's auto-configuration on a free port of 127.0.0.1, the
 * repository's {@code schema/} and tokens signed by {@link #TOKENS} unless a profile says otherwise, an optional profile
 * (a YAML file under {@code src/test/resources}), the test's settings (which win over every file), extra configuration classes (a test's
 * own routes) and a {@link MutableClock} registered as the BFF's clock, cache ticker and rate-limit time, so that the
 * test moves time instead of waiting for it.
 * <pre>{@code
 * InProcessBff bff = InProcessBff.with().profile("passthrough").allServicesAt(backend.url())
 *         .setting("fedbff.resilience.timeout", "300ms").clock(clock).start();
 * }</pre>
 */
public final class InProcessBff implements AutoCloseable {

    public static final String SECRET = "in-process-bff-test-secret-0123456789-abcdef";

    /** Signs the tokens every in-process BFF accepts (HS256 with {@link #SECRET}). */
    public static final TokenIssuer TOKENS = TokenIssuer.hs256(SECRET);

    /** The services of {@code schema/} and the passthrough routes' {@code files}. */
    public static final List<String> SERVICES = List.of("users", "orders", "products", "payments", "files");

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

    /** What to start: a profile, settings, extra configuration classes and the clock. */
    public static final class Builder {
        private final Map<String, String> defaults = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<Class<?>> sources = new ArrayList<>(List.of(App.class));
        private MutableClock clock;

        private Builder() {
            defaults.put("server.port", "0");
            defaults.put("server.address", "127.0.0.1");
            defaults.put("spring.main.banner-mode", "off");
            defaults.put("fedbff.schema.location", "../schema");
            defaults.put("fedbff.auth.hs256-secret", SECRET);
            defaults.put("eureka.client.enabled", "false");
        }

        /** Reads {@code application-<profile>.yml} from the test resources too. */
        public Builder profile(String profile) {
            return setting("spring.profiles.active", profile);
        }

        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public Builder settings(Map<String, String> more) {
            settings.putAll(more);
            return this;
        }

        /** Leaves {@code key} unset, although the BFF sets it by default (such as {@code fedbff.auth.hs256-secret}). */
        public Builder without(String key) {
            defaults.remove(key);
            return this;
        }

        /** Settings as {@code key=value} lines. */
        public Builder settings(String... lines) {
            for (String line : lines) {
                int equals = line.indexOf('=');
                setting(line.substring(0, equals), line.substring(equals + 1));
            }
            return this;
        }

        /** Every service of {@link #SERVICES} lives at {@code url} (a test's settings may still move one elsewhere). */
        public Builder allServicesAt(String url) {
            SERVICES.forEach(service -> settings.putIfAbsent("fedbff.services." + service, url));
            return this;
        }

        /** Configuration classes of the test's own, such as a route, next to the gateway's. */
        public Builder source(Class<?> configuration) {
            sources.add(configuration);
            return this;
        }

        /** The BFF reads time from {@code clock}: deadlines, dates, cache ages and rate-limit refills. */
        public Builder clock(MutableClock clock) {
            this.clock = clock;
            return this;
        }

        public InProcessBff start() {
            String[] arguments = settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
            SpringApplicationBuilder application = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.REACTIVE)
                    .properties(defaults.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
            if (clock != null) {
                MutableClock time = clock;
                application.initializers(context -> context.getBeanFactory().registerSingleton("fedbffTestClock", time));
            }
            return new InProcessBff(application.run(arguments));
        }
    }

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    private InProcessBff(ConfigurableApplicationContext context) {
        this.context = context;
        String scheme = context.getEnvironment().containsProperty("server.ssl.bundle") ? "https" : "http";
        this.base = URI.create(scheme + "://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    public static Builder with() {
        return new Builder();
    }

    /** A BFF with these settings and no profile. */
    public static InProcessBff start(Map<String, String> settings) {
        return with().settings(settings).start();
    }

    /** A BFF with {@code application-<profile>.yml} and these settings. */
    public static InProcessBff start(String profile, Map<String, String> settings) {
        return with().profile(profile).settings(settings).start();
    }

    /** A token for {@code subject} that this BFF accepts, valid for an hour. */
    public static String token(String subject) {
        return TOKENS.token(subject);
    }

    /** A token for {@code subject} with extra claims such as {@code scope} or {@code roles}. */
    public static String token(String subject, Map<String, ?> claims) {
        return TOKENS.token(subject, claims);
    }

    public int port() {
        return base.getPort();
    }

    /** This BFF's address with {@code path} (and query string). */
    public URI uri(String path) {
        return base.resolve(path);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @SuppressWarnings("unchecked")
    public Response post(String query, String token) {
        String body = new String(Json.write(Map.of("query", query)), StandardCharsets.UTF_8);
        HttpRequest request = request("/graphql").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request);
        return new Response(response.statusCode(), (Map<String, Object>) Json.read(response.body()), Duration.ofNanos(System.nanoTime() - started));
    }

    /** A request to {@code path} (with its query string) on this BFF, to be completed and sent with {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends a request as it is, and returns the answer as it came. */
    public HttpResponse<byte[]> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request as it is, and returns the answer with its body read by {@code body}. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
