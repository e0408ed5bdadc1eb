package dev.fedbff.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code registry} module's Eureka server running as its own process, and the calls an instance makes to it:
 * registration through Eureka's REST API ({@code POST /eureka/apps/{APP}}), as any Eureka client does.
 */
final class EurekaRegistry implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;

    private EurekaRegistry(JavaProcess process) {
        this.process = process;
    }

    /** Starts the registry; call {@link #awaitHealthy()} before registering. */
    static EurekaRegistry start() {
        return new EurekaRegistry(JavaProcess.start("registry", "registry", JavaProcess.freePort(), List.of()));
    }

    EurekaRegistry awaitHealthy() {
        process.awaitHealthy();
        return this;
    }

    /** What a Eureka client is told: {@code eureka.client.service-url.defaultZone}. */
    String serviceUrl() {
        return "http://127.0.0.1:" + process.port() + "/eureka/";
    }

    /** Registers an UP instance of {@code service} at 127.0.0.1:{@code port} with a lease long enough for any test. */
    void register(String service, String instanceId, int port, Map<String, String> metadata) {
        String app = service.toUpperCase(java.util.Locale.ROOT);
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("instanceId", instanceId);
        instance.put("hostName", "127.0.0.1");
        instance.put("app", app);
        instance.put("ipAddr", "127.0.0.1");
        instance.put("status", "UP");
        instance.put("port", Map.of("$", port, "@enabled", "true"));
        instance.put("securePort", Map.of("$", 443, "@enabled", "false"));
        instance.put("vipAddress", service);
        instance.put("secureVipAddress", service);
        instance.put("dataCenterInfo", Map.of("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name", "MyOwn"));
        instance.put("leaseInfo", Map.of("renewalIntervalInSecs", 30, "durationInSecs", 600));
        instance.put("metadata", metadata);
        String body = GraphQLClient.JSON.writeValueAsString(Map.of("instance", instance));
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/" + app)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 204) {
                throw new IllegalStateException("registering " + instanceId + " answered " + status + ":\n" + process.tail());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
