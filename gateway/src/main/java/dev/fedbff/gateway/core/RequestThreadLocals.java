package dev.fedbff.gateway.core;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.ContextView;

/**
 * Runs a piece of code with the thread locals of the request whose Reactor context this is (the server observation, so
 * the trace and span ids in the log's MDC), then puts the thread's own back. For the gateway's log lines about a
 * request: the BFFs leave Reactor's automatic context propagation off ({@code spring.reactor.context-propagation: limited}),
 * which would otherwise restore these thread locals around every operator of every request, a large share of a
 * passthrough request's CPU; a log line restores them once, where it is written.
 */
public final class RequestThreadLocals {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestThreadLocals() {
    }

    public static void run(ContextView context, Runnable action) {
        if (context.isEmpty()) {
            action.run();
            return;
        }
        try (ContextSnapshot.Scope ignored = SNAPSHOTS.setThreadLocalsFrom(context)) {
            action.run();
        }
    }
}
