package dev.fedbff.gateway.core;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.TimeUnit;

/**
 * The timer of backend-call timeouts, request deadlines and retry waits: a delayed task is scheduled on the Netty
 * event loop the caller runs on, in that loop's own timer queue, and fires on that loop. So a request stays on its
 * event loop from start to end, and a call's timeout costs one queue entry of its loop rather than a task handed to
 * Reactor's parallel scheduler (another thread, a shared queue) and cancelled from the loop when the answer comes.
 * Off an event loop (a test's thread, a start-up task) it falls back to Reactor's parallel scheduler, which is what
 * {@code Mono.timeout(Duration)} and {@code Mono.delay(Duration)} use.
 *
 * <p>Use as the scheduler argument: {@code mono.timeout(limit, fallback, EventLoopTimer.get())},
 * {@code Mono.delay(wait, EventLoopTimer.get())}.
 */
public final class EventLoopTimer implements Scheduler {

    private static final EventLoopTimer INSTANCE = new EventLoopTimer();

    private EventLoopTimer() {
    }

    public static Scheduler get() {
        return INSTANCE;
    }

    @Override
    public Disposable schedule(Runnable task) {
        EventExecutor loop = currentLoop();
        if (loop == null) {
            return Schedulers.parallel().schedule(task);
        }
        return new Scheduled(loop.submit(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        EventExecutor loop = currentLoop();
        if (loop == null) {
            return Schedulers.parallel().schedule(task, delay, unit);
        }
        return new Scheduled(loop.schedule(task, delay, unit));
    }

    /** Periodic work is not a request's: it goes to Reactor's parallel scheduler. */
    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return Schedulers.parallel().schedulePeriodically(task, initialDelay, period, unit);
    }

    /** Workers (ordered task queues) are not needed for timers; Reactor's parallel scheduler provides them. */
    @Override
    public Worker createWorker() {
        return Schedulers.parallel().createWorker();
    }

    @Override
    public long now(TimeUnit unit) {
        return Schedulers.parallel().now(unit);
    }

    @Override
    public void init() {
    }

    @Override
    public void dispose() {
        // the event loops belong to Reactor Netty, the parallel scheduler to Reactor
    }

    /**
     * {@code source}'s signals delivered on the event loop that subscribed to it (when that was one): for answers that
     * complete on another client's threads (Lettuce's, for Redis), so that the request goes on where it started.
     */
    public static <T> Mono<T> backOnLoop(Mono<T> source) {
        return Mono.defer(() -> {
            EventExecutor loop = currentLoop();
            if (loop == null) {
                return source;
            }
            return source.publishOn(Schedulers.fromExecutor(task -> {
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            }));
        });
    }

    private static EventExecutor currentLoop() {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        return loop == null || loop.isShuttingDown() ? null : loop;
    }

    private record Scheduled(Future<?> future) implements Disposable {

        @Override
        public void dispose() {
            future.cancel(false);
        }

        @Override
        public boolean isDisposed() {
            return future.isDone();
        }
    }
}
