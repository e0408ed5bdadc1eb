package dev.fedbff.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fedbff.kit.testing.JsonHttp.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test of a REST service: {@link #http} talks to
 * the running service, with a fresh client for each test, and {@link #assertProblem} checks an RFC 9457 answer.
 */
public abstract class RestServiceTest {

    protected static final String JSON = "application/json";
    protected static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    private int port;

    protected JsonHttp http;

    @BeforeEach
    protected void connect() {
        http = JsonHttp.onPort(port);
    }

    /** A problem+json answer with this status, an untyped ("about:blank") problem, a title, and a detail naming {@code detailMentions}. */
    protected static void assertProblem(Reply reply, int status, String detailMentions) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(PROBLEM);
        assertThat(reply.body().get("status").asInt()).isEqualTo(status);
        assertThat(reply.body().get("type").asString()).isEqualTo("about:blank");
        assertThat(reply.body().get("title").asString()).isNotBlank();
        assertThat(reply.body().get("detail").asString()).contains(detailMentions);
    }
}
