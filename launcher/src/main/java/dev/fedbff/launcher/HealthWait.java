package dev.fedbff.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls health URLs until they answer UP, against one deadline shared by every wait. */
final class HealthWait {

    static final class NotUp extends Exception {
        final String name;

        NotUp(String name, String message) {
            super(name + " " + message);
            this.name = name;
        }
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final Duration timeout;
    private final Instant deadline;

    HealthWait(Duration timeout) {
        this.timeout = timeout;
        this.deadline = Instant.now().plus(timeout);
    }

    void awaitUp(String name, URI health, BooleanSupplier running) throws NotUp, InterruptedException {
        while (!isUp(health)) {
            if (!running.getAsBoolean()) {
                throw new NotUp(name, "exited before " + health + " answered UP");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new NotUp(name, "did not answer UP at " + health + " within " + describe(timeout));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Whether {@code health} answers 200 with status UP within two seconds. */
    boolean isUp(URI health) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
