package dev.fedbff.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the local run's processes: starts and stops one by name, and once the run is up, says when one stops — by
 * request or by itself — while the others keep serving, and how to start it again.
 */
final class Supervisor {

    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 30;
    /** Exit codes of a process that was told to end (SIGTERM, SIGKILL) rather than one that failed. */
    private static final Set<Integer> SIGNALLED = Set.of(0, 137, 143);
    /** SIGINT: Ctrl-C in the terminal reaches every process of the run at once; the shutdown hook reports that. */
    private static final int INTERRUPTED = 130;

    /**
     * Where and how services are started.
     *
     * @param startupTimeout how long a service may take to answer UP
     */
    record Launch(Path root, Path logDir, String java, String secret, List<Service> services, Duration startupTimeout) {
    }

    private final Launch launch;
    private final PrintStream out;
    private final Map<String, ServiceProcess> processes = new ConcurrentHashMap<>();
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean watching;
    private volatile boolean stoppingAll;

    Supervisor(Launch launch, PrintStream out) {
        this.launch = launch;
        this.out = out;
    }

    List<Service> services() {
        return launch.services();
    }

    Duration startupTimeout() {
        return launch.startupTimeout();
    }

    Optional<Service> service(String name) {
        return launch.services().stream().filter(service -> service.name().equals(name)).findFirst();
    }

    Optional<ServiceProcess> process(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    ServiceProcess start(Service service) throws IOException {
        ServiceProcess process = ServiceProcess.start(service, service.arguments(launch.root(), launch.secret(), launch.services()),
                launch.root(), launch.logDir(), launch.java());
        processes.put(service.name(), process);
        process.onExit().thenAccept(this::exited);
        return process;
    }

    /** From now on a process that stops is reported, and the others keep running. */
    void watch() {
        watching = true;
    }

    /** Stops one service (SIGTERM, then SIGKILL after the grace period); true when it was running. */
    boolean stop(String name) {
        ServiceProcess process = processes.get(name);
        if (process == null || !process.isAlive()) {
            return false;
        }
        stopRequested.add(name);
        process.requestStop();
        process.awaitStop(Instant.now().plus(STOP_GRACE));
        return true;
    }

    synchronized void stopAll() {
        if (!stoppingAll && processes.values().stream().anyMatch(ServiceProcess::isAlive)) {
            out.println("Stopping all services...");
        }
        stoppingAll = true;
        processes.values().forEach(ServiceProcess::requestStop);
        Instant forceAt = Instant.now().plus(STOP_GRACE);
        processes.values().forEach(process -> process.awaitStop(forceAt));
    }

    boolean stoppingAll() {
        return stoppingAll;
    }

    private void exited(ServiceProcess process) {
        int code = process.exitCode();
        if (!watching || stoppingAll || code == INTERRUPTED || processes.get(process.name()) != process) {
            return;
        }
        String name = process.name();
        boolean requested = stopRequested.remove(name);
        StringBuilder message = new StringBuilder(name).append(" stopped").append(requested ? "" : " (exit code " + code + ")").append('.');
        if (!requested && !SIGNALLED.contains(code)) {
            message.append('\n').append(process.tail(TAIL_LINES));
        }
        message.append('\n').append(process.service().bff() ? "The other services keep running."
                : "The others keep serving: the BFFs answer without " + name + ", with null fields and errors at their paths.");
        message.append("\nStart it again: type  start ").append(name).append("  and press Enter.");
        out.println(message);
    }
}
