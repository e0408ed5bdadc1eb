package dev.fedbff.gateway.passthrough;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** A copy of a streamed body for the cache, given up as soon as the body grows past the limit. Not thread-safe. */
final class BodyCopy {

    private final long limit;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean overflowed;

    BodyCopy(long limit) {
        this.limit = limit;
    }

    void append(ByteBuf buffer) {
        if (overflowed) {
            return;
        }
        if (bytes.size() + (long) buffer.readableBytes() > limit) {
            overflowed = true;
            bytes = new ByteArrayOutputStream(0);
            return;
        }
        bytes.writeBytes(ByteBufUtil.getBytes(buffer));
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The whole body, or empty when it was larger than the limit. */
    Optional<byte[]> bytes() {
        return overflowed ? Optional.empty() : Optional.of(bytes.toByteArray());
    }
}
