package dev.fedbff.gateway.ratelimit;

import dev.fedbff.gateway.InProcessBff;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** One of several BFFs sharing a rate-limit store: an {@link InProcessBff} named by {@code spring.application.name}. */
final class BffInstance implements AutoCloseable {

    static final String QUERY = "{\"query\":\"{ __typename }\"}";

    private final InProcessBff bff;

    private BffInstance(InProcessBff bff) {
        this.bff = bff;
    }

    /** @param settings extra {@code key=value} properties, e.g. the {@code fedbff.rate-limit} block */
    static BffInstance start(String name, String... settings) {
        return new BffInstance(InProcessBff.with().setting("spring.application.name", name).settings(settings).start());
    }

    /** {@code { __typename }} as {@code subject}; the answer's body as text. */
    HttpResponse<String> query(String subject) {
        return bff.send(bff.request("/graphql").header("Authorization", "Bearer " + InProcessBff.token(subject))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(QUERY)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    MeterRegistry meters() {
        return bff.bean(MeterRegistry.class);
    }

    @Override
    public void close() {
        bff.close();
    }

    /**
     * 5 queries a minute (and 100 an hour) per caller in the Redis on {@code redisPort}. The check timeout is 1 s rather
     * than the default 200 ms so that a slow, cold test machine does not fall into the fail mode on the first requests.
     */
    static String[] redisPolicy(int redisPort, String failMode) {
        return new String[]{
                "fedbff.rate-limit.redis.uri=redis://127.0.0.1:" + redisPort,
                "fedbff.rate-limit.redis.fail-mode=" + failMode,
                "fedbff.rate-limit.redis.timeout=1s",
                "fedbff.rate-limit.policies.graphql-query.bands[0].capacity=5",
                "fedbff.rate-limit.policies.graphql-query.bands[0].period=1m",
                "fedbff.rate-limit.policies.graphql-query.bands[1].capacity=100",
                "fedbff.rate-limit.policies.graphql-query.bands[1].period=1h"};
    }
}
