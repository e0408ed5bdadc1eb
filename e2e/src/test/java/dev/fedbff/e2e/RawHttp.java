package dev.fedbff.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket. It sends exactly the bytes it is given, which no HTTP client library does: CR and LF
 * inside header values, paths with backslashes and dot segments, two {@code Content-Length} headers. The request is
 * written from a second thread, so an answer that comes before the body is fully sent (413) is still read.
 */
final class RawHttp {

    /** What came back; {@code status} is -1 when the server closed the connection without answering. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static Response exchange(int port, byte[] request, boolean head) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(30_000);
            Thread writer = new Thread(() -> write(socket, request), "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            return read(new BufferedInputStream(socket.getInputStream()), head);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private static void write(Socket socket, byte[] request) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before taking the whole body (413): the answer is what counts
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null || statusLine.isEmpty()) {
                return new Response(-1, Map.of(), new byte[0]);
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, List<String>> headers = headers(in);
            if (status >= 100 && status < 200) {
                continue;
            }
            return new Response(status, headers, head || status == 204 || status == 304 ? new byte[0] : body(in, headers));
        }
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
            return chunked(in);
        }
        List<String> length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.get(0)));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            in.transferTo(body);
        } catch (IOException e) {
            // the connection was reset after the answer: what was read is the body
        }
        return body.toByteArray();
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
            if (length == 0) {
                headers(in);
                break;
            }
            body.write(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    /** One line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
