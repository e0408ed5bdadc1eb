package dev.fedbff.kit.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test of a GraphQL subgraph: {@link #graphQl}
 * talks to the running service, with a fresh client for each test.
 */
public abstract class GraphQlServiceTest {

    @LocalServerPort
    private int port;

    protected GraphQlHttp graphQl;

    @BeforeEach
    protected void connect() {
        graphQl = new GraphQlHttp(port);
    }
}
