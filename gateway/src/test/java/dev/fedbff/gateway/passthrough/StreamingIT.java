package dev.fedbff.gateway.passthrough;

import com.sun.net.httpserver.HttpExchange;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.testsupport.RecordingBackend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 20 MB download and a 20 MB upload through the {@code files} route. Each transfer is held up part-way: the
 * download by the backend after 16 MB, the upload by the client after 16 MB. At that point the other side must
 * already have most of the bytes (which a gateway that buffers whole bodies cannot achieve, since the transfer has not
 * finished), and the gateway JVM's heap after a full GC, and Netty's buffer memory, must have grown by far less than
 * the body's size.
 */
class StreamingIT {

    static final int MB = 1024 * 1024;
    static final int SIZE = 20 * MB;
    static final int HOLD_AT = 16 * MB;
    static final long ALLOWED_GROWTH = 8L * MB;

    static final RecordingBackend BACKEND = new RecordingBackend();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String TOKEN = InProcessBff.token("streamer");

    static InProcessBff gateway;
    static URI base;

    static final CountDownLatch downloadHeld = new CountDownLatch(1);
    static final CountDownLatch downloadRelease = new CountDownLatch(1);
    static final AtomicLong uploaded = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        BACKEND.handle("/files/download", StreamingIT::download);
        BACKEND.handle("/files/upload", StreamingIT::upload);
        gateway = InProcessBff.with().profile("passthrough").allServicesAt(BACKEND.url()).start();
        base = gateway.uri("/");
        warmUp();
    }

    @AfterAll
    static void stop() {
        downloadRelease.countDown();
        gateway.close();
        BACKEND.close();
    }

    @Test
    void a20MbDownloadStreamsWithoutTheHeapGrowingByItsSize() throws Exception {
        Footprint before = Footprint.measure();
        HttpResponse<InputStream> response = assertThat(CLIENT.sendAsync(request("/api/files/download").GET().build(), HttpResponse.BodyHandlers.ofInputStream()))
                .as("the answer starts while the backend still holds the last 4 MB").succeedsWithin(Duration.ofSeconds(20)).actual();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);

        AtomicLong received = new AtomicLong();
        Thread reader = new Thread(() -> received.set(count(response.body(), received)));
        reader.start();
        assertThat(downloadHeld.await(30, TimeUnit.SECONDS)).as("the backend sent 16 MB").isTrue();
        awaitAtLeast(received, 15L * MB, "bytes the client received while the backend still holds the last 4 MB");
        Footprint during = Footprint.measure();
        downloadRelease.countDown();
        reader.join(30_000);

        assertThat(received.get()).isEqualTo(SIZE);
        assertThat(during.heapGrowthSince(before)).as("heap growth mid-download").isLessThan(ALLOWED_GROWTH);
        assertThat(during.nettyGrowthSince(before)).as("Netty buffer growth mid-download").isLessThan(ALLOWED_GROWTH);
    }

    @Test
    void a20MbUploadStreamsWithoutTheHeapGrowingByItsSize() throws Exception {
        Footprint before = Footprint.measure();
        Footprint[] during = new Footprint[1];
        InputStream body = new GeneratedBody(SIZE, HOLD_AT, () -> {
            awaitAtLeast(uploaded, 12L * MB, "bytes the backend received while the client still holds the last 4 MB");
            during[0] = Footprint.measure();
        });
        HttpRequest upload = request("/api/files/upload")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE)).build();

        HttpResponse<String> response = CLIENT.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"received\":" + SIZE + "}");
        assertThat(during[0]).as("the upload was measured part-way").isNotNull();
        assertThat(during[0].heapGrowthSince(before)).as("heap growth mid-upload").isLessThan(ALLOWED_GROWTH);
        assertThat(during[0].nettyGrowthSince(before)).as("Netty buffer growth mid-upload").isLessThan(ALLOWED_GROWTH);
        assertThat(BACKEND.calls()).filteredOn(call -> call.target().equals("/files/upload"))
                .singleElement().extracting(call -> call.header("Content-Length")).isEqualTo(String.valueOf(SIZE));
    }

    /** Used heap after a full GC, and the bytes Netty's default allocator has reserved (heap and direct). */
    record Footprint(long heap, long netty) {

        static Footprint measure() {
            for (int i = 0; i < 3; i++) {
                System.gc();
                sleep(50);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long netty = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                    ? provider.metric().usedDirectMemory() + provider.metric().usedHeapMemory() : 0;
            return new Footprint(heap, netty);
        }

        long heapGrowthSince(Footprint before) {
            System.out.printf("heap growth %,d bytes, Netty buffer growth %,d bytes%n", heap - before.heap, netty - before.netty);
            return heap - before.heap;
        }

        long nettyGrowthSince(Footprint before) {
            return netty - before.netty;
        }
    }

    /** Sends {@code size} bytes; before the byte at {@code holdAt} it runs {@code hold} once, which may wait. */
    static final class GeneratedBody extends InputStream {

        private final long size;
        private final long holdAt;
        private Runnable hold;
        private long sent;

        GeneratedBody(long size, long holdAt, Runnable hold) {
            this.size = size;
            this.holdAt = holdAt;
            this.hold = hold;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (sent >= size) {
                return -1;
            }
            if (sent >= holdAt && hold != null) {
                Runnable once = hold;
                hold = null;
                once.run();
            }
            int n = (int) Math.min(length, Math.min(size - sent, sent < holdAt ? holdAt - sent : size - sent));
            Arrays.fill(buffer, offset, offset + n, (byte) 'u');
            sent += n;
            return n;
        }
    }

    private static void download(HttpExchange exchange) throws IOException {
        boolean full = !exchange.getRequestURI().getPath().endsWith("/small");
        int size = full ? SIZE : MB;
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, size);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'd');
        try (OutputStream out = exchange.getResponseBody()) {
            for (int written = 0; written < size; written += chunk.length) {
                if (full && written == HOLD_AT) {
                    out.flush();
                    downloadHeld.countDown();
                    await(downloadRelease);
                }
                out.write(chunk);
            }
        }
    }

    private static void upload(HttpExchange exchange) throws IOException {
        boolean full = !exchange.getRequestURI().getPath().endsWith("/small");
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (full) {
                    uploaded.set(total);
                }
            }
        }
        byte[] answer = ("{\"received\":" + total + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** A 1 MB transfer each way first, so that start-up allocations are not counted as growth. */
    private static void warmUp() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> down = CLIENT.send(request("/api/files/download/small").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(down.body()).hasSize(MB);
            byte[] up = new byte[MB];
            HttpResponse<String> sent = CLIENT.send(request("/api/files/upload/small").PUT(HttpRequest.BodyPublishers.ofByteArray(up)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.body()).isEqualTo("{\"received\":" + MB + "}");
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
    }

    private static long count(InputStream in, AtomicLong progress) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (in) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                progress.set(total);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    private static void awaitAtLeast(AtomicLong value, long bytes, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value.get() < bytes && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(value.get()).as(what).isGreaterThanOrEqualTo(bytes);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
