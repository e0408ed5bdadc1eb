package dev.fedbff.e2e;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a client does: POST a body to /graphql, read the status, headers and JSON that come back. */
final class GraphQLClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A response as the client sees it; {@code json} is null when the body is not JSON. */
    record Response(int status, HttpHeaders headers, String body, Map<String, Object> json) {
    }

    static Response post(URI endpoint, String token, String body) {
        return post(endpoint, token, body, "application/json");
    }

    static Response post(URI endpoint, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static Response get(URI endpoint, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static String query(String query) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        return JSON.writeValueAsString(body);
    }

    /** Sends a request as it is; the answer's body is read as JSON when it is JSON. */
    @SuppressWarnings("unchecked")
    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json;
            try {
                json = JSON.readValue(response.body(), Map.class);
            } catch (RuntimeException e) {
                json = null;
            }
            return new Response(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
