package dev.fedbff.gateway.core;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.function.BiConsumer;

/**
 * The trace a client request belongs to, as the stages see it: a span started under the request's current span (found
 * in the Reactor context), ended with the stage's outcome, and its trace context written into a backend call's headers
 * (W3C {@code traceparent}). {@link #NONE} when tracing is off: spans that do nothing and no headers.
 */
public interface RequestTracing {

    /** One stage's span. */
    interface Span {

        Span NONE = new Span() {
        };

        /** A tag with few distinct values, e.g. the backend's name. */
        default Span tag(String key, String value) {
            return this;
        }

        /** Writes the span's trace context as headers of a call to a backend. */
        default void inject(BiConsumer<String, String> headers) {
        }

        /** {@code context} with this span as the parent of spans started under it. */
        default Context under(Context context) {
            return context;
        }

        default void end() {
        }

        default void end(Throwable error) {
            end();
        }
    }

    RequestTracing NONE = new RequestTracing() {
    };

    /** Starts a span named {@code name} under the current span of the request this Reactor context belongs to. */
    default Span start(String name, ContextView context) {
        return Span.NONE;
    }

    /** The trace id of the request this Reactor context belongs to; "" when there is none. */
    default String traceId(ContextView context) {
        return "";
    }
}
