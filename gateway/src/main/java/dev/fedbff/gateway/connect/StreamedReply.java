package dev.fedbff.gateway.connect;

import io.netty.buffer.ByteBuf;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;

/** A backend's answer whose status and headers have arrived; the body is read from the connection as it comes. */
public final class StreamedReply {

    private final int status;
    private final HttpHeaders headers;
    private final Connection connection;
    private final Runnable finished;

    StreamedReply(int status, HttpHeaders headers, Connection connection) {
        this(status, headers, connection, () -> { });
    }

    private StreamedReply(int status, HttpHeaders headers, Connection connection, Runnable finished) {
        this.status = status;
        this.headers = headers;
        this.connection = connection;
        this.finished = finished;
    }

    /** The same answer, running {@code action} too once its body has been read or given up. */
    StreamedReply onFinished(Runnable action) {
        Runnable before = finished;
        return new StreamedReply(status, headers, connection, () -> {
            before.run();
            action.run();
        });
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The body as the backend sends it, each buffer retained for the writer, which releases it. Read once. */
    public Flux<ByteBuf> body() {
        return connection.inbound().receive().retain().doFinally(signal -> finished.run());
    }

    /** Gives up on the rest of the body: the connection is closed rather than returned to the pool. */
    public void discard() {
        if (!connection.isDisposed()) {
            connection.dispose();
        }
        finished.run();
    }
}
