package dev.fedbff.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the four subgraphs and the two BFFs and waits for them to be healthy. Once up, a service that stops leaves
 * the others serving, and the launcher says which one stopped and how to start it again ({@link Commands});
 * Ctrl-C stops them all.
 *
 * <p>Options: {@code --root=<repository>}, {@code --log-dir=<folder>} (default {@code .local-run}),
 * {@code --free-ports} (any free ports instead of 4001-4004, 8080 and 8081), {@code --startup-timeout=<seconds>}
 * (default 180: how long a service may take to answer UP).
 */
public final class LocalRun {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    static final String LOG_DIR = ".local-run";

    private static final int TAIL_LINES = 30;
    private static final String PROFILE_QUERY = "query Profile { me { id name orders(first: 5) { id total status"
            + " items { quantity product { name price } } payment { status method } } } }";

    /** The command line. */
    record Options(Path root, Path logDir, boolean freePorts, Duration startupTimeout) {

        static Options parse(String[] args) {
            Path root = Path.of("").toAbsolutePath();
            String logDir = null;
            boolean freePorts = false;
            Duration startupTimeout = STARTUP_TIMEOUT;
            for (String arg : args) {
                if (arg.startsWith("--root=")) {
                    root = Path.of(value(arg)).toAbsolutePath().normalize();
                } else if (arg.startsWith("--log-dir=")) {
                    logDir = value(arg);
                } else if (arg.startsWith("--startup-timeout=")) {
                    startupTimeout = Duration.ofSeconds(Long.parseLong(value(arg)));
                } else if (arg.equals("--free-ports")) {
                    freePorts = true;
                }
            }
            return new Options(root, logDir == null ? root.resolve(LOG_DIR) : Path.of(logDir).toAbsolutePath().normalize(), freePorts, startupTimeout);
        }

        private static String value(String arg) {
            return arg.substring(arg.indexOf('=') + 1);
        }
    }

    private final Supervisor supervisor;
    private final Options options;
    private final PrintStream out = System.out;

    private LocalRun(Options options, List<Service> services, String secret) {
        this.options = options;
        this.supervisor = new Supervisor(new Supervisor.Launch(options.root(), options.logDir(), javaBinary(), secret, services,
                options.startupTimeout()), out);
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        List<Service> services = options.freePorts() ? withFreePorts(Service.ALL) : Service.ALL;
        Optional<String> problem = Preflight.missingJar(options.root(), services)
                .or(() -> Preflight.busyPort(services));
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        String secret = DevToken.newSecret();
        System.exit(new LocalRun(options, services, secret).run(secret));
    }

    private int run(String secret) {
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stopAll, "fedbff-stop"));
        try {
            startAll();
            awaitHealthy();
        } catch (IOException e) {
            return fail("Could not start: " + e.getMessage(), Optional.empty());
        } catch (HealthWait.NotUp e) {
            return fail(e.getMessage(), supervisor.process(e.name));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted while starting", Optional.empty());
        }
        supervisor.watch();
        printBanner(DevToken.mint(secret, Instant.now()));
        new Commands(supervisor, out).readInBackground(System.in);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 130;
    }

    private void startAll() throws IOException {
        Files.createDirectories(options.logDir());
        out.println("Starting " + supervisor.services().size() + " services (logs in " + logDirName() + "/)...");
        for (Service service : supervisor.services()) {
            supervisor.start(service);
        }
    }

    private void awaitHealthy() throws HealthWait.NotUp, InterruptedException {
        HealthWait wait = new HealthWait(options.startupTimeout());
        for (Service service : supervisor.services()) {
            ServiceProcess process = supervisor.process(service.name()).orElseThrow();
            wait.awaitUp(process.name(), service.health(), process::isAlive);
            out.println("  " + process.name() + " is up");
        }
    }

    private int fail(String message, Optional<ServiceProcess> culprit) {
        if (supervisor.stoppingAll()) {
            return 130;
        }
        System.err.println(message + "; stopping the others.");
        culprit.ifPresent(process -> System.err.println(process.tail(TAIL_LINES)));
        supervisor.stopAll();
        return 1;
    }

    private void printBanner(String token) {
        List<Service> services = supervisor.services();
        long backends = services.stream().filter(service -> !service.bff()).count();
        out.printf("fedbff is up: %d backends, %d BFFs (logs in %s/)%n", backends, services.size() - backends, logDirName());
        services.stream().filter(Service::bff).forEach(service -> out.printf("  %-12s%s%n", service.name(), service.graphqlUrl()));
        out.printf("Try the profile query (token valid %d h, user %s):%n", DevToken.LIFETIME.toHours(), DevToken.SUBJECT);
        out.println(curl(firstBff(services), token));
        out.printf("or in GraphiQL, with the token pasted into its Bearer token field: %s%n", firstBff(services).graphiqlUrl());
        out.println("Stop a backend to watch the BFFs degrade: type  stop payments  and press Enter (or end its process, pid "
                + supervisor.process("payments").map(ServiceProcess::pid).orElse(0L) + "); start payments brings it back.");
        out.println("Type status to list the six, Ctrl-C stops all.");
    }

    private String logDirName() {
        Path logDir = options.logDir();
        return logDir.startsWith(options.root()) ? options.root().relativize(logDir).toString() : logDir.toString();
    }

    private static Service firstBff(List<Service> services) {
        return services.stream().filter(Service::bff).findFirst().orElseThrow();
    }

    static String curl(Service bff, String token) {
        String body = "{\"query\":\"" + PROFILE_QUERY + "\"}";
        return "curl -s " + bff.graphqlUrl() + " -H 'Content-Type: application/json'"
                + " -H 'Authorization: Bearer " + token + "' -d '" + body + "'";
    }

    static List<Service> withFreePorts(List<Service> services) {
        List<Service> assigned = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Service service : services) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                assigned.add(service.withPort(socket.getLocalPort()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        } finally {
            held.forEach(LocalRun::closeQuietly);
        }
        return List.copyOf(assigned);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing held any more
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
