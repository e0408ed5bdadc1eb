package dev.fedbff.e2e;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser tab over the Chrome DevTools Protocol: commands out as JSON with an id, their answers matched back by
 * id; the page's console errors, uncaught exceptions and browser log entries (a Content-Security-Policy violation, a
 * failed load) are kept for failure messages.
 */
final class DevToolsPage implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private WebSocket socket;

    private DevToolsPage() {
    }

    static DevToolsPage connect(URI webSocket) {
        DevToolsPage page = new DevToolsPage();
        page.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(webSocket, page.new Listener()).join();
        page.call("Runtime.enable", Map.of());
        page.call("Log.enable", Map.of());
        page.call("Page.enable", Map.of());
        return page;
    }

    /** Sends a command and waits for its result; a protocol error is thrown. */
    JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        socket.sendText(GraphQLClient.JSON.writeValueAsString(message), true).join();
        try {
            JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer in " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression (a promise is awaited); an exception in the page is thrown. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        JsonNode value = result.get("result").get("value");
        return value == null ? GraphQLClient.JSON.nullNode() : value;
    }

    /** Waits until the expression is true in the page, checking every 100 ms; fails with the page's problems after {@code timeout}. */
    void waitUntil(String what, String expression, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("Boolean(" + expression + ")").asBoolean()) {
                return;
            }
            JavaProcess.sleep(100);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page reported: " + problems);
    }

    /** Types text into the focused element as a paste does: one input event with all of it. */
    void insertText(String text) {
        call("Input.insertText", Map.of("text", text));
    }

    /** The visible page as a PNG. */
    byte[] screenshot() {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asString());
    }

    /** What the page complained about so far: console errors, uncaught exceptions, log entries of level error. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    private void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asString("");
        JsonNode params = message.path("params");
        if (method.equals("Runtime.exceptionThrown")) {
            problems.add("exception: " + params.path("exceptionDetails").path("exception").path("description").asString(params.toString()));
        } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asString("").equals("error")) {
            problems.add("console.error: " + params.path("args"));
        } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asString("").equals("error")) {
            problems.add("log: " + params.path("entry").path("text").asString(""));
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received(GraphQLClient.JSON.readTree(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
