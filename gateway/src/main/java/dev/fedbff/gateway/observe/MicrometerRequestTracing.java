package dev.fedbff.gateway.observe;

import dev.fedbff.gateway.core.RequestTracing;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.function.BiConsumer;

/**
 * {@link RequestTracing} over Micrometer Tracing (the OpenTelemetry bridge in the BFFs). A stage's span is a child of
 * the span of the stage around it, else of the server span Spring opened for the HTTP request (which continued the
 * client's {@code traceparent} or started a trace); backends receive the span's context as the propagator writes it.
 */
public final class MicrometerRequestTracing implements RequestTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerRequestTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public RequestTracing.Span start(String name, ContextView context) {
        io.micrometer.tracing.Span parent = parent(context);
        io.micrometer.tracing.Span span = (parent == null ? tracer.nextSpan() : tracer.nextSpan(parent)).name(name).start();
        return new Started(span);
    }

    @Override
    public String traceId(ContextView context) {
        io.micrometer.tracing.Span span = parent(context);
        return span == null ? "" : span.context().traceId();
    }

    /** The span of the stage around this one, else the request's server span; null outside a traced request. */
    private io.micrometer.tracing.@Nullable Span parent(ContextView context) {
        Started stage = context.getOrDefault(Started.class, null);
        if (stage != null) {
            return stage.span;
        }
        Observation server = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (server != null) {
            TracingObservationHandler.TracingContext tracing = server.getContext().get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                return tracing.getSpan();
            }
        }
        return tracer.currentSpan();
    }

    private final class Started implements RequestTracing.Span {

        private final io.micrometer.tracing.Span span;

        Started(io.micrometer.tracing.Span span) {
            this.span = span;
        }

        @Override
        public RequestTracing.Span tag(String key, String value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public void inject(BiConsumer<String, String> headers) {
            propagator.inject(span.context(), headers, (carrier, key, value) -> {
                if (carrier != null) {
                    carrier.accept(key, value);
                }
            });
        }

        @Override
        public Context under(Context context) {
            return context.put(Started.class, this);
        }

        @Override
        public void end() {
            span.end();
        }

        @Override
        public void end(Throwable error) {
            span.error(error);
            span.end();
        }
    }
}
