package dev.fedbff.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 proxy on a loopback port between a BFF and one backend, on plain sockets so that it can misbehave
 * below HTTP: hold an answer back, reset the connection, answer 5xx, cut a body short of its declared length, send
 * a body that is not JSON, or trickle a body out byte by byte (see {@link Fault}). One fault applies to every call,
 * or a cycle of faults applies call after call ({@link #flap}). Every call is recorded with the fault it met, so a
 * test can tell which calls reached the backend.
 *
 * <p>Each answer closes its connection ({@code Connection: close}), so a fault never leaves a half-used connection
 * in the BFF's pool for the next call to trip over.
 */
final class FaultProxy implements AutoCloseable {

    /** One call as the proxy received it, and what it did to it. */
    record Call(String method, String target, String body, Fault fault) {
    }

    private record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    private static final AtomicLong INJECTED = new AtomicLong();
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
            "expect", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
    private static final byte[] NOT_JSON = "<html><head><title>502 Bad Gateway</title></head><body>upstream hiccup</body></html>"
            .getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final int backendPort;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicLong turn = new AtomicLong();
    private volatile List<Fault> cycle = List.of(Fault.none());
    private volatile boolean closed;

    FaultProxy(String name, int backendPort) {
        this.name = name;
        this.backendPort = backendPort;
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy for " + name + " cannot listen", e);
        }
        executor.execute(this::accept);
    }

    /** Faults injected by every proxy of this test run. */
    static long totalInjected() {
        return INJECTED.get();
    }

    String name() {
        return name;
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Every next call meets {@code fault}. */
    void inject(Fault fault) {
        flap(List.of(fault));
    }

    /** The next calls meet the faults in turn, from the first, over and over. */
    void flap(List<Fault> faults) {
        cycle = List.copyOf(faults);
        turn.set(0);
    }

    /** Every next call is forwarded and answered unchanged. */
    void heal() {
        inject(Fault.none());
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }

    /** Calls this proxy did something to since the last {@link #clear()}. */
    synchronized long faultsInjected() {
        return calls.stream().filter(call -> call.fault().injects()).count();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(30_000);
            Request request = read(new BufferedInputStream(socket.getInputStream()));
            if (request == null) {
                return;
            }
            List<Fault> faults = cycle;
            Fault fault = faults.get((int) Math.floorMod(turn.getAndIncrement(), (long) faults.size()));
            record(new Call(request.method(), request.target(), new String(request.body(), StandardCharsets.UTF_8), fault));
            if (fault.injects()) {
                INJECTED.incrementAndGet();
            }
            apply(fault, request, socket);
        } catch (IOException e) {
            // the backend could not be reached (the BFF sees a reset, as from a dead backend), the BFF gave up on
            // the call, or the proxy is closing
            abort(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
            close(socket);
        }
    }

    private void apply(Fault fault, Request request, Socket socket) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        switch (fault.kind()) {
            case NONE -> relay(forward(request), out, Duration.ZERO);
            case LATENCY -> {
                HttpResponse<byte[]> response = forward(request);
                Thread.sleep(fault.duration().toMillis());
                relay(response, out, Duration.ZERO);
            }
            case RESET -> reset(socket);
            case RESET_AFTER_BACKEND -> {
                forward(request);
                reset(socket);
            }
            case STATUS -> write(out, fault.status(), List.of(Map.entry("Content-Type", "application/json")),
                    ("{\"status\": " + fault.status() + ", \"error\": \"injected by the fault proxy\"}").getBytes(StandardCharsets.UTF_8));
            case TRUNCATED_BODY -> {
                HttpResponse<byte[]> response = forward(request);
                byte[] body = response.body();
                out.write(head(response.statusCode(), headersOf(response), body.length));
                out.write(body, 0, body.length / 2);
                out.flush();
                socket.shutdownOutput();
            }
            case NOT_JSON -> write(out, 200, List.of(Map.entry("Content-Type", "application/json")), NOT_JSON);
            case SLOW_BODY -> relay(forward(request), out, fault.duration());
            case OTHER_BODY -> write(out, 200, List.of(Map.entry("Content-Type", "application/json")), fault.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Forwards the call to the backend and reads its whole answer. */
    private HttpResponse<byte[]> forward(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backendPort + request.target()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Passes the backend's answer on; with a {@code spread}, its body goes out in small pieces over that time. */
    private static void relay(HttpResponse<byte[]> response, OutputStream out, Duration spread) throws IOException, InterruptedException {
        byte[] body = response.body();
        out.write(head(response.statusCode(), headersOf(response), body.length));
        if (spread.isZero() || body.length == 0) {
            out.write(body);
            out.flush();
            return;
        }
        out.flush();
        int pieces = Math.min(20, body.length);
        int size = (body.length + pieces - 1) / pieces;
        for (int offset = 0; offset < body.length; offset += size) {
            Thread.sleep(spread.toMillis() / pieces);
            out.write(body, offset, Math.min(size, body.length - offset));
            out.flush();
        }
    }

    private static void write(OutputStream out, int status, List<Map.Entry<String, String>> headers, byte[] body) throws IOException {
        out.write(head(status, headers, body.length));
        out.write(body);
        out.flush();
    }

    /** An abortive close: the peer gets a TCP reset, not an answer. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void abort(Socket socket) {
        try {
            reset(socket);
        } catch (IOException e) {
            // already gone
        }
    }

    private static List<Map.Entry<String, String>> headersOf(HttpResponse<byte[]> response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((header, values) -> {
            if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":")) {
                values.forEach(value -> headers.add(Map.entry(header, value)));
            }
        });
        return headers;
    }

    private static byte[] head(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status < 400 ? " OK" : " Error").append("\r\n");
        headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        head.append("Content-Length: ").append(contentLength).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One request off the connection: request line, headers, and a body by Content-Length or chunked; null at end of stream. */
    private static Request read(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] requestLine = line.split(" ");
        if (requestLine.length < 2) {
            throw new IOException("not an HTTP request: " + line);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        long length = 0;
        boolean chunked = false;
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("chunked body ended early");
            }
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(FaultProxy::close);
        executor.shutdownNow();
    }
}
