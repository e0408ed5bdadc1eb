package dev.fedbff.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts the four subgraphs and the two BFFs, waits for them to be healthy, and stops them all together. */
public final class LocalRun {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final String LOG_DIR = ".local-run";

    private static final int TAIL_LINES = 30;
    private static final String PROFILE_QUERY = "query Profile { me { id name orders(first: 5) { id total status"
            + " items { quantity product { name price } } payment { status method } } } }";

    private final Path root;
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private LocalRun(Path root) {
        this.root = root;
    }

    public static void main(String[] args) {
        Path root = rootFrom(args);
        Optional<String> problem = Preflight.missingJar(root, Service.ALL)
                .or(() -> Preflight.busyPort(Service.ALL));
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        System.exit(new LocalRun(root).run());
    }

    static Path rootFrom(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--root=")) {
                return Path.of(arg.substring("--root=".length())).toAbsolutePath().normalize();
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "fedbff-stop"));
        String secret = DevToken.newSecret();
        try {
            startAll(secret);
            awaitHealthy();
        } catch (IOException e) {
            return fail("Could not start: " + e.getMessage(), Optional.empty());
        } catch (HealthWait.NotUp e) {
            return fail(e.getMessage(), processNamed(e.name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted while starting", Optional.empty());
        }
        printBanner(DevToken.mint(secret, Instant.now()));
        ServiceProcess exited = firstExit().join();
        return fail(exited.exitDescription() + " after start-up", Optional.of(exited));
    }

    private void startAll(String secret) throws IOException {
        Path logDir = Files.createDirectories(root.resolve(LOG_DIR));
        String java = javaBinary();
        System.out.println("Starting " + Service.ALL.size() + " services (logs in " + LOG_DIR + "/)...");
        for (Service service : Service.ALL) {
            processes.add(ServiceProcess.start(service, root, logDir, java, secret));
        }
    }

    private void awaitHealthy() throws HealthWait.NotUp, InterruptedException {
        HealthWait wait = new HealthWait(STARTUP_TIMEOUT);
        for (ServiceProcess process : processes) {
            wait.awaitUp(process.name(), process.service().health(), process::isAlive);
            System.out.println("  " + process.name() + " is up");
        }
    }

    private Optional<ServiceProcess> processNamed(String name) {
        return processes.stream().filter(process -> process.name().equals(name)).findFirst();
    }

    private CompletableFuture<ServiceProcess> firstExit() {
        CompletableFuture<ServiceProcess> first = new CompletableFuture<>();
        processes.forEach(process -> process.onExit().thenAccept(first::complete));
        return first;
    }

    private int fail(String message, Optional<ServiceProcess> culprit) {
        if (stopping.get()) {
            return 130;
        }
        System.err.println(message + "; stopping the others.");
        culprit.ifPresent(process -> System.err.println(process.tail(TAIL_LINES)));
        stopAll();
        return 1;
    }

    private synchronized void stopAll() {
        if (!stopping.getAndSet(true) && processes.stream().anyMatch(ServiceProcess::isAlive)) {
            System.out.println("Stopping all services...");
        }
        processes.forEach(ServiceProcess::requestStop);
        Instant forceAt = Instant.now().plus(STOP_GRACE);
        processes.forEach(process -> process.awaitStop(forceAt));
    }

    private void printBanner(String token) {
        long backends = Service.ALL.stream().filter(service -> !service.bff()).count();
        long bffs = Service.ALL.size() - backends;
        System.out.printf("fedbff is up: %d backends, %d BFFs (logs in %s/)%n", backends, bffs, LOG_DIR);
        Service.ALL.stream().filter(Service::bff)
                .forEach(service -> System.out.printf("  %-12s%s%n", service.name(), service.graphqlUrl()));
        System.out.printf("Try the profile query (token valid %d h, user %s):%n",
                DevToken.LIFETIME.toHours(), DevToken.SUBJECT);
        System.out.println(curl(firstBff(), token));
        System.out.printf("or in GraphiQL, with the token pasted into its Bearer token field: %s%n", firstBff().graphiqlUrl());
        System.out.println("Press Ctrl-C to stop all six.");
    }

    private static Service firstBff() {
        return Service.ALL.stream().filter(Service::bff).findFirst().orElseThrow();
    }

    static String curl(Service bff, String token) {
        String body = "{\"query\":\"" + PROFILE_QUERY + "\"}";
        return "curl -s " + bff.graphqlUrl() + " -H 'Content-Type: application/json'"
                + " -H 'Authorization: Bearer " + token + "' -d '" + body + "'";
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
