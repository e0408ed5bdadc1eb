package dev.fedbff.kit.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A JSON-over-HTTP client for a REST service on localhost; every answer, whatever its status, is read as JSON. */
public record JsonHttp(URI base) {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static JsonHttp onPort(int port) {
        return new JsonHttp(URI.create("http://localhost:" + port));
    }

    public Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build()).join();
    }

    public Reply post(String path, String json, String... headers) {
        return postAsync(path, json, headers).join();
    }

    public CompletableFuture<Reply> postAsync(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public static String json(Object value) {
        return JsonMapper.shared().writeValueAsString(value);
    }

    private static CompletableFuture<Reply> send(HttpRequest request) {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.headers(),
                        JsonMapper.shared().readTree(response.body())));
    }

    public record Reply(int status, HttpHeaders headers, JsonNode body) {

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }
}
