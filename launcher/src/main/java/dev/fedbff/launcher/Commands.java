package dev.fedbff.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a developer types into the running launcher: {@code stop payments}, {@code start payments}, {@code status},
 * {@code help}. Read line by line until the input ends.
 */
final class Commands {

    static final String HELP = "Commands: stop <service>, start <service>, status (services: users, orders, products, payments, web-bff, mobile-bff);"
            + " Ctrl-C stops all.";

    private final Supervisor supervisor;
    private final PrintStream out;

    Commands(Supervisor supervisor, PrintStream out) {
        this.supervisor = supervisor;
        this.out = out;
    }

    /** Reads commands on a daemon thread, so Ctrl-C never waits for it. */
    void readInBackground(InputStream in) {
        Thread reader = new Thread(() -> readAll(in), "fedbff-commands");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !supervisor.stoppingAll()) {
                run(line);
            }
        } catch (IOException e) {
            // the input is gone: the run goes on without commands
        }
    }

    void run(String line) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words[0].isEmpty()) {
            return;
        }
        Optional<Service> service = words.length > 1 ? supervisor.service(words[1]) : Optional.empty();
        switch (words[0]) {
            case "stop" -> service.ifPresentOrElse(this::stop, this::unknown);
            case "start" -> service.ifPresentOrElse(this::start, this::unknown);
            case "status" -> status();
            default -> out.println(HELP);
        }
    }

    private void stop(Service service) {
        if (!supervisor.stop(service.name())) {
            out.println(service.name() + " is not running.");
        }
    }

    private void start(Service service) {
        if (supervisor.process(service.name()).filter(ServiceProcess::isAlive).isPresent()) {
            out.println(service.name() + " is already running.");
            return;
        }
        try {
            ServiceProcess process = supervisor.start(service);
            out.println("Starting " + service.name() + "...");
            new HealthWait(supervisor.startupTimeout()).awaitUp(service.name(), service.health(), process::isAlive);
            out.println(service.name() + " is up again on port " + service.port() + ".");
        } catch (IOException | HealthWait.NotUp e) {
            out.println("Could not start " + service.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void status() {
        for (Service service : supervisor.services()) {
            Optional<ServiceProcess> process = supervisor.process(service.name()).filter(ServiceProcess::isAlive);
            out.printf("  %-12s%s%n", service.name(), process.map(p -> "running on port " + service.port() + " (pid " + p.pid() + ")").orElse("stopped"));
        }
    }

    private void unknown() {
        out.println("Name a service: " + HELP);
    }
}
