package dev.fedbff.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.JsonHttp.Reply;
import dev.fedbff.kit.testing.RestServiceTest;
import dev.fedbff.sample.SeedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST reads the BFFs' {@code /api/users/**} route passes through to. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersRestTest extends RestServiceTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void userByIdIsJsonWithCachingHeaders() {
        Reply reply = http.get("/users/42");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.body().get("id").asString()).isEqualTo("42");
        assertThat(reply.body().get("name").asString()).isEqualTo(SeedData.user("42").name());
        assertThat(reply.body().get("createdAt").asString()).isEqualTo(SeedData.user("42").createdAt().toString());
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(reply.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void unknownUserIsA404Problem() {
        assertProblem(http.get("/users/1001"), 404, "1001");
    }

    @Test
    void aMatchingEtagIsNotModified() throws IOException, InterruptedException {
        String etag = http.get("/users/7").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/users/7")).header("If-None-Match", etag).build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void meIsTheUserNamedByTheForwardedHeaderAndPrivate() throws IOException, InterruptedException {
        HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/users/me")).header("X-User-Id", "5").build());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"id\":\"5\"").contains(SeedData.user("5").email());
        assertThat(me.headers().firstValue("Cache-Control")).hasValue("max-age=30, private");
        assertProblem(http.get("/users/me"), 401, "X-User-Id");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
