package dev.fedbff.gateway.config;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.core.Json;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS on both sides of a BFF, with certificates made at run time: clients reach the BFF over HTTPS with HTTP/2 (a PEM
 * SSL bundle, {@code server.ssl.bundle}), and the BFF calls an {@code https} backend that it trusts through the bundle
 * {@code fedbff.backend-ssl-bundle} names.
 */
class TlsIT {

    static final String PRODUCT = "{\"id\": \"7\", \"name\": \"Lamp\", \"priceCents\": 1999, \"category\": \"home\", \"description\": null}";

    @TempDir
    static Path folder;
    static TestCertificates certificates;
    static RecordingBackend backend;

    @BeforeAll
    static void startHttpsBackend() throws IOException {
        certificates = TestCertificates.create(folder);
        backend = RecordingBackend.https("products", certificates.serverContext()).answer("/products/", call -> Answer.json(PRODUCT));
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void clientsGetHttp2OverTlsAndTheBffCallsTheHttpsBackendThroughItsTrustBundle() throws Exception {
        try (InProcessBff bff = start(List.of("fedbff.backend-ssl-bundle=backends",
                "spring.ssl.bundle.pem.backends.truststore.certificate=file:" + certificates.authority()))) {
            HttpClient client = HttpClient.newBuilder().sslContext(certificates.clientContext()).version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            backend.clear();

            HttpResponse<String> graphql = client.send(graphql(bff, "{ product(id: \"7\") { id name price } }"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> rest = client.send(HttpRequest.newBuilder(bff.uri("/api/products/7")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(graphql.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(graphql.statusCode()).isEqualTo(200);
            assertThat(Json.read(graphql.body().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(Map.of("data", Map.of("product", Map.of("id", "7", "name", "Lamp", "price", 1999))));
            assertThat(rest.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(rest.body()).isEqualTo(PRODUCT);
            assertThat(backend.calls("/products/")).hasSize(2);
        }
    }

    @Test
    void withoutTheTrustBundleTheBackendsCertificateIsRefused() throws Exception {
        try (InProcessBff bff = start(List.of("fedbff.resilience.retry.max-attempts=1"))) {
            HttpClient client = HttpClient.newBuilder().sslContext(certificates.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> graphql = client.send(graphql(bff, "{ product(id: \"7\") { id name } }"), HttpResponse.BodyHandlers.ofString());

            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) Json.read(graphql.body().getBytes(StandardCharsets.UTF_8));
            assertThat(body.get("data")).isEqualTo(java.util.Collections.singletonMap("product", null));
            assertThat(graphql.body()).contains("\"serviceName\":\"products\"");
        }
    }

    private static InProcessBff start(List<String> extra) {
        return InProcessBff.with().settings("server.http2.enabled=true", "server.ssl.bundle=bff",
                "spring.ssl.bundle.pem.bff.keystore.certificate=file:" + certificates.chain(),
                "spring.ssl.bundle.pem.bff.keystore.private-key=file:" + certificates.key(),
                "fedbff.services.products=" + backend.url(),
                "fedbff.routes[0].id=products", "fedbff.routes[0].path=/api/products/**", "fedbff.routes[0].service=products")
                .settings(extra.toArray(String[]::new)).start();
    }

    private static HttpRequest graphql(InProcessBff bff, String query) {
        return HttpRequest.newBuilder(bff.uri("/graphql")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(Map.of("query", query)))).build();
    }

    private static String token() {
        return InProcessBff.token("42");
    }
}
