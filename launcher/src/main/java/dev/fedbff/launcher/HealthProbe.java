package dev.fedbff.launcher;

import java.net.URI;
import java.time.Duration;

/**
 * A container health check that needs nothing but the JRE: exits 0 when the URL answers UP, 1 otherwise.
 * {@code java -cp launcher.jar dev.fedbff.launcher.HealthProbe http://localhost:8080/actuator/health/readiness}
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: HealthProbe <health URL>");
            System.exit(2);
        }
        boolean up = new HealthWait(Duration.ZERO).isUp(URI.create(args[0]));
        if (!up) {
            System.err.println(args[0] + " is not UP");
        }
        System.exit(up ? 0 : 1);
    }
}
