package dev.fedbff.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A fixed number of client requests sent by a small pool of client threads, each request timed. Bounded: it fails
 * rather than wait longer than its limit.
 */
final class BoundedLoad {

    /** One request's answer and when it was sent and answered ({@link System#nanoTime()}). */
    record Timed(GraphQLClient.Response response, long sentNanos, long answeredNanos) {
        Duration took() {
            return Duration.ofNanos(answeredNanos - sentNanos);
        }
    }

    private BoundedLoad() {
    }

    /**
     * Sends {@code requests} requests from {@code threads} threads and returns every answer in the order the
     * requests were sent. {@code answered} hears the count of answers so far after each one (for faults injected
     * mid-run).
     */
    static List<Timed> run(int requests, int threads, Duration limit, Supplier<GraphQLClient.Response> request, IntConsumer answered) {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<Timed>> futures = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                futures.add(clients.submit(() -> {
                    long sent = System.nanoTime();
                    GraphQLClient.Response response = request.get();
                    Timed timed = new Timed(response, sent, System.nanoTime());
                    answered.accept(done.incrementAndGet());
                    return timed;
                }));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            List<Timed> results = new ArrayList<>(requests);
            for (Future<Timed> future : futures) {
                results.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (TimeoutException e) {
            throw new AssertionError("the load of " + requests + " requests did not finish within " + limit, e);
        } catch (ExecutionException e) {
            throw new AssertionError("a client request failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            clients.shutdownNow();
        }
    }
}
