package dev.fedbff.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gzip on the wire when the client accepts it, above each BFF's minimum size: mobile-bff (256 B, a phone's data plan)
 * compresses almost every answer, web-bff (2 KB) only the larger ones; the JSON is the same either way.
 */
class CompressionIT {

    static final LocalSystem SYSTEM = LocalSystem.shared();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String LARGE = "{ productsByCategory(category: \"books\") { total items { id name price category description } } }";

    @ParameterizedTest
    @ValueSource(strings = {"web-bff", "mobile-bff"})
    void aLargeAnswerIsGzippedForAClientThatAcceptsIt(String bff) {
        HttpResponse<byte[]> plain = post(SYSTEM.graphql(bff), LARGE, null);
        HttpResponse<byte[]> gzipped = post(SYSTEM.graphql(bff), LARGE, "gzip, deflate");

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body().length).as("the answer is larger than both minimums").isGreaterThan(2048);
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.body().length).as("fewer bytes on the wire").isLessThan(plain.body().length / 2);
        assertThat(gunzip(gzipped.body())).as("the same JSON").isEqualTo(plain.body());
    }

    @Test
    void aMediumAnswerIsGzippedForPhonesOnly() {
        String profile = ProfileQueryIT.PROFILE;
        HttpResponse<byte[]> mobile = post(SYSTEM.graphql("mobile-bff"), profile, "gzip");
        HttpResponse<byte[]> web = post(SYSTEM.graphql("web-bff"), profile, "gzip");

        assertThat(web.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(web.body().length).as("between the two minimums").isBetween(256, 2047);
        assertThat(mobile.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gunzip(mobile.body())).isEqualTo(web.body());
        System.out.printf("profile answer: %d bytes from web-bff, %d bytes gzipped from mobile-bff%n", web.body().length, mobile.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-bff", "mobile-bff"})
    void aTinyAnswerIsNotWorthCompressing(String bff) {
        HttpResponse<byte[]> tiny = post(SYSTEM.graphql(bff), "{ __typename }", "gzip");

        assertThat(tiny.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(tiny.body())).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
    }

    static HttpResponse<byte[]> post(URI graphql, String query, String acceptEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SYSTEM.token("42")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GraphQLClient.query(query)));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
