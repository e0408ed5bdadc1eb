package dev.fedbff.e2e;

import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.TokenIssuer;


import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as the one-command run starts it — four backends and two BFFs, each its own process from its
 * executable jar — with a {@link RecordingBackend} forwarding to it in front of each backend. Started once per test JVM and stopped
 * when it exits.
 */
final class LocalSystem {

    static final List<String> BACKENDS = List.of("users", "orders", "products", "payments");
    static final List<String> BFFS = List.of("web-bff", "mobile-bff");

    private static LocalSystem shared;

    private final String secret = newSecret();
    private final Map<String, JavaProcess> backends = new LinkedHashMap<>();
    private final Map<String, RecordingBackend> proxies = new LinkedHashMap<>();
    private final Map<String, JavaProcess> bffs = new LinkedHashMap<>();

    static synchronized LocalSystem shared() {
        if (shared == null) {
            shared = new LocalSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            shared.start();
        }
        return shared;
    }

    private void start() {
        BACKENDS.forEach(name -> backends.put(name, JavaProcess.start(name, "subgraphs/" + name, JavaProcess.freePort(), List.of())));
        backends.values().forEach(JavaProcess::awaitHealthy);
        backends.forEach((name, process) -> proxies.put(name, new RecordingBackend(name, 0).answer(RecordingBackend.forwardingTo(process.port()))));
        BFFS.forEach(name -> bffs.put(name, JavaProcess.start(name, name, JavaProcess.freePort(), bffArguments(schemaFolder()))));
        bffs.values().forEach(JavaProcess::awaitHealthy);
    }

    static String schemaFolder() {
        return JavaProcess.ROOT.resolve("schema").toString();
    }

    /** The arguments the one-command run passes a BFF, with every backend reached through its recording proxy. */
    List<String> bffArguments(String schemaLocation) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--fedbff.schema.location=" + schemaLocation);
        arguments.add("--fedbff.auth.hs256-secret=" + secret);
        proxies.forEach((name, proxy) -> arguments.add("--fedbff.services." + name + "=" + proxy.address()));
        return arguments;
    }

    /**
     * Starts one more web-bff, {@code name} in its log, that accepts this run's tokens and reaches each backend at the
     * addresses given (comma-separated for several instances) rather than through the recording proxies; {@code extra}
     * arguments come last and win. The caller closes it.
     */
    JavaProcess startWebBff(String name, Map<String, String> services, List<String> extra) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--fedbff.schema.location=" + schemaFolder());
        arguments.add("--fedbff.auth.hs256-secret=" + secret);
        services.forEach((service, addresses) -> arguments.add("--fedbff.services." + service + "=" + addresses));
        arguments.addAll(extra);
        return JavaProcess.start(name, "web-bff", JavaProcess.freePort(), arguments).awaitHealthy();
    }

    /**
     * Starts one more BFF from {@code module} ({@code web-bff} or {@code mobile-bff}), {@code name} in its log, with the
     * arguments the one-command run passes it and then {@code extra} (a profile, say). The caller closes it.
     */
    JavaProcess startBff(String name, String module, String... extra) {
        List<String> arguments = new ArrayList<>(bffArguments(schemaFolder()));
        arguments.addAll(List.of(extra));
        return JavaProcess.start(name, module, JavaProcess.freePort(), arguments).awaitHealthy();
    }

    /** The port the backend itself listens on, behind its recording proxy. */
    int backendPort(String name) {
        return backends.get(name).port();
    }

    URI graphql(String bff) {
        return URI.create("http://127.0.0.1:" + bffs.get(bff).port() + "/graphql");
    }

    JavaProcess bff(String name) {
        return bffs.get(name);
    }

    RecordingBackend proxy(String backend) {
        return proxies.get(backend);
    }

    void clearCalls() {
        proxies.values().forEach(RecordingBackend::clear);
    }

    /** Stops a backend for real: its process ends and nothing listens where the BFF reaches it. */
    void stopBackend(String name) {
        backends.get(name).close();
        proxies.get(name).stop();
    }

    /** Starts a stopped backend again on its old port and waits until it is healthy. */
    void startBackend(String name) {
        JavaProcess old = backends.get(name);
        JavaProcess process = JavaProcess.start(name, "subgraphs/" + name, old.port(), List.of()).awaitHealthy();
        backends.put(name, process);
        proxies.get(name).restart();
    }

    /** A real HS256 token signed with this run's secret. */
    String token(String subject) {
        return TokenIssuer.hs256(secret).token(subject);
    }

    /** A real HS256 token signed with this run's secret, carrying the OAuth {@code scope} claim given. */
    String token(String subject, String scope) {
        return TokenIssuer.hs256(secret).token(subject, Map.of("scope", scope));
    }

    private void stop() {
        bffs.values().forEach(JavaProcess::close);
        backends.values().forEach(JavaProcess::close);
        proxies.values().forEach(RecordingBackend::close);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
