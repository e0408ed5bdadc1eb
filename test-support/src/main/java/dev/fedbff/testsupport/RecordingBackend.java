package dev.fedbff.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

/**
 * A real HTTP backend on 127.0.0.1 (a free port unless told one) that records every call it receives, in the order
 * they arrived, and answers as the test says: per path prefix, a {@link Responder} turns the call into an
 * {@link Answer}, or a {@link Handler} writes to the exchange itself (streaming). An answer can be held until the test
 * {@link #release releases} it, so a test makes a backend slow without waiting itself; a shared barrier can hold calls
 * until a call to another backend has arrived too, so a test proves two calls were in flight at once without measuring
 * time. {@link #stop} closes the port as a dead backend; {@link #restart} listens on it again.
 */
public final class RecordingBackend implements AutoCloseable {

    /** One call as the backend received it; {@code headers} by lower-case name; {@code answeredNanos} 0 until its answer is ready to go. */
    public record Call(int number, String method, String target, Map<String, List<String>> headers, byte[] body,
                       long arrivedNanos, long answeredNanos) {

        /** The path without the query string. */
        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** The first value of a header the backend received, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean has(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        /** The request body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Both calls were at the backend at one moment: one arrived before the other was answered. */
        public boolean overlaps(Call other) {
            return arrivedNanos < other.answeredNanos && other.arrivedNanos < answeredNanos;
        }

        Call answered(long nanos) {
            return new Call(number, method, target, headers, body, arrivedNanos, nanos);
        }
    }

    /** What the backend answers: a status, headers, a body; one that {@code waits} is sent at the next {@link #release}. */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean waits) {

        public static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], false);
        }

        public Answer withStatus(int status) {
            return new Answer(status, headers, body, waits);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, Map.copyOf(more), body, waits);
        }

        /** This answer, sent only once the test calls {@link #release} (or stops the backend). */
        public Answer held() {
            return new Answer(status, headers, body, true);
        }
    }

    /** Turns one call into the answer. */
    @FunctionalInterface
    public interface Responder {
        Answer answer(Call call) throws IOException;
    }

    /** Answers one call by writing to the exchange itself; the call is recorded first, with its body unread. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade", "expect");

    private final String name;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Responder> responders = new LinkedHashMap<>();
    private volatile CountDownLatch released = new CountDownLatch(1);
    private volatile CyclicBarrier rendezvous;
    private HttpServer server;
    private int port;

    /** A backend on a free port that answers {@code {}} until told otherwise. */
    public RecordingBackend() {
        this("backend", 0);
    }

    /**
     * @param name what the test calls it (the service it stands for)
     * @param port 0 for a free port, or the port of a backend that was stopped, to bring it back
     */
    public RecordingBackend(String name, int port) {
        this(name, port, null);
    }

    private RecordingBackend(String name, int port, SSLContext tls) {
        this.name = name;
        this.tls = tls;
        answer(call -> Answer.json("{}"));
        listen(port);
    }

    /** A backend on a free port that speaks HTTPS with the server certificate of {@code tls}. */
    public static RecordingBackend https(String name, SSLContext tls) {
        return new RecordingBackend(name, 0, tls);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI address() {
        return URI.create(url());
    }

    /** {@code http://127.0.0.1:port} ({@code https} for an HTTPS backend), as a service address in settings. */
    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    /** Every call not answered by a more specific path prefix gets {@code responder}'s answer. */
    public RecordingBackend answer(Responder responder) {
        return answer("/", responder);
    }

    /** Calls whose path starts with {@code pathPrefix} get {@code responder}'s answer (the longest prefix wins). */
    public synchronized RecordingBackend answer(String pathPrefix, Responder responder) {
        responders.put(pathPrefix, responder);
        return this;
    }

    /** Calls whose path starts with {@code pathPrefix} are answered by {@code handler} writing to the exchange. */
    public RecordingBackend handle(String pathPrefix, Handler handler) {
        return answer(pathPrefix, new Raw(handler));
    }

    /**
     * Forwards each call to the backend listening on {@code port} of 127.0.0.1 and answers what it answered (its status,
     * content type and body), or 502 where it cannot be reached: in front of a real backend, this records what the
     * backend received.
     */
    public static Responder forwardingTo(int port) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        return call -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.target()))
                    .timeout(Duration.ofSeconds(30))
                    .method(call.method(), call.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
            call.headers().forEach((header, values) -> {
                if (!NOT_FORWARDED.contains(header)) {
                    values.forEach(value -> request.header(header, value));
                }
            });
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                Map<String, String> headers = response.headers().firstValue("content-type").map(type -> Map.of("Content-Type", type)).orElse(Map.of());
                return new Answer(response.statusCode(), headers, response.body(), false);
            } catch (IOException e) {
                return Answer.status(502);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.status(502);
            }
        };
    }

    /** The n-th call from now on (from 0) gets {@code answers[n]}; calls past the end get the last one. */
    public RecordingBackend answerInTurn(Answer... answers) {
        int first = calls().size();
        return answer(call -> answers[Math.min(call.number() - first, answers.length - 1)]);
    }

    /** Holds each next call until every party of the barrier has a call waiting (at most 5 s), or null for none. */
    public void rendezvous(CyclicBarrier barrier) {
        this.rendezvous = barrier;
    }

    /** Sends every answer held now; answers held after this wait for the next release. */
    public void release() {
        CountDownLatch waiting = released;
        released = new CountDownLatch(1);
        waiting.countDown();
    }

    /** Forgets the calls, releases held answers, and answers {@code {}} to everything again. */
    public void reset() {
        release();
        synchronized (this) {
            calls.clear();
            responders.clear();
        }
        answer(call -> Answer.json("{}"));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose path and query start with {@code prefix}. */
    public List<Call> calls(String prefix) {
        return calls().stream().filter(call -> call.target().startsWith(prefix)).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    /** Waits until {@code count} calls whose path and query start with {@code prefix} have arrived, at most {@code timeout}. */
    public synchronized boolean awaitCalls(String prefix, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.stream().filter(call -> call.target().startsWith(prefix)).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops listening: callers now find the port closed, as if the backend were down. Calls are kept. */
    public synchronized void stop() {
        release();
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port after {@link #stop}. */
    public synchronized void restart() {
        if (server == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private synchronized void listen(int requested) {
        try {
            server = tls == null ? HttpServer.create(new InetSocketAddress("127.0.0.1", requested), 128) : secure(requested);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot listen on port " + requested, e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
        port = server.getAddress().getPort();
    }

    private HttpsServer secure(int requested) throws IOException {
        HttpsServer secure = HttpsServer.create(new InetSocketAddress("127.0.0.1", requested), 128);
        secure.setHttpsConfigurator(new HttpsConfigurator(tls));
        return secure;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Responder responder = responderFor(target);
        byte[] body = responder instanceof Raw ? new byte[0] : readAll(exchange.getRequestBody());
        Call call = record(exchange, target, body, arrived);
        try {
            awaitPartner();
            if (responder instanceof Raw raw) {
                raw.handler().handle(exchange);
                answered(call);
            } else {
                send(exchange, call, responder.answer(call));
            }
        } catch (IOException e) {
            // the caller gave up on this call and closed the connection
        } finally {
            exchange.close();
        }
    }

    private synchronized Responder responderFor(String target) {
        String best = "/";
        for (String prefix : responders.keySet()) {
            if (target.startsWith(prefix) && prefix.length() > best.length()) {
                best = prefix;
            }
        }
        return responders.get(best);
    }

    private synchronized Call record(HttpExchange exchange, String target, byte[] body, long arrived) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), List.copyOf(values)));
        Call call = new Call(calls.size(), exchange.getRequestMethod(), target, Map.copyOf(headers), body, arrived, 0);
        calls.add(call);
        notifyAll();
        return call;
    }

    private synchronized void answered(Call call) {
        if (call.number() < calls.size() && calls.get(call.number()) == call) {
            calls.set(call.number(), call.answered(System.nanoTime()));
        }
    }

    private void send(HttpExchange exchange, Call call, Answer answer) throws IOException {
        if (answer.waits()) {
            awaitRelease();
        }
        answered(call);
        answer.headers().forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || answer.status() == 204 || answer.status() == 304;
        exchange.sendResponseHeaders(answer.status(), noBody || answer.body().length == 0 ? -1 : answer.body().length);
        if (!noBody && answer.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    /** Waits (at most 60 s) for the next {@link #release}: a {@link Handler} holds the rest of its answer with it. */
    public void awaitRelease() {
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPartner() {
        CyclicBarrier barrier = rendezvous;
        if (barrier == null) {
            return;
        }
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            // the partner never came: the call goes on alone, and its timing will show no overlap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** A handler in the responders' table. */
    private record Raw(Handler handler) implements Responder {
        @Override
        public Answer answer(Call call) {
            throw new IllegalStateException("a raw handler writes to the exchange itself");
        }
    }
}
