package dev.fedbff.gateway.passthrough;

import dev.fedbff.gateway.InProcessBff;
import dev.fedbff.gateway.passthrough.Wire.Reply;
import dev.fedbff.gateway.passthrough.Wire.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fedbff.gateway.passthrough.Wire.Request.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passthrough routes of {@code application-passthrough.yml} against one scripted backend, one row per behaviour
 * a REST client or a backend would notice. Each row sends its requests over a plain socket and checks the replies
 * and every call the backend received meanwhile. Rows use their own paths, so cache entries never cross rows.
 */
class PassthroughIT {

    static final RecordingBackend BACKEND = BackendScript.start();
    static final String ALICE = InProcessBff.token("alice", Map.of("roles", List.of("reader"), "scope", "orders.read profile"));
    static final String BOB = InProcessBff.token("bob", Map.of("roles", List.of("reader")));
    static final String ADMIN = InProcessBff.token("root", Map.of("roles", List.of("admin")));
    static final String PROBLEM = "application/problem+json";

    static InProcessBff gateway;
    static int port;

    /** What a row checks: the replies in order, and the calls the backend received while the row ran. */
    @FunctionalInterface
    interface Check {
        void verify(List<Reply> replies, List<Call> calls);
    }

    @BeforeAll
    static void start() {
        gateway = InProcessBff.with().profile("passthrough").allServicesAt(BACKEND.url()).start();
        port = gateway.port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        BACKEND.close();
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("an unmatched path is 404 problem+json", List.of(get("/api/nothing/1").bearer(ALICE)), (replies, calls) -> {
                    assertProblem(replies.get(0), 404, "ROUTE_NOT_FOUND");
                    assertThat(calls).isEmpty();
                }),
                row("a method the route does not allow is 405 with Allow", List.of(Request.of("DELETE", "/api/users/1").bearer(ALICE)), (replies, calls) -> {
                    assertProblem(replies.get(0), 405, "METHOD_NOT_ALLOWED");
                    assertThat(replies.get(0).header("Allow")).contains("GET").contains("HEAD").doesNotContain("DELETE");
                    assertThat(calls).isEmpty();
                }),
                row("a declared body over the route's limit is 413 before the backend is called",
                        List.of(Request.of("POST", "/api/payments/big").bearer(ALICE).body("x".repeat(2000))), (replies, calls) -> {
                            assertProblem(replies.get(0), 413, "PAYLOAD_TOO_LARGE");
                            assertThat(calls).isEmpty();
                        }),
                row("a chunked body that grows over the limit is 413",
                        List.of(Request.of("POST", "/api/payments/chunked").bearer(ALICE).chunked("y".repeat(3000))),
                        (replies, calls) -> assertProblem(replies.get(0), 413, "PAYLOAD_TOO_LARGE")),
                row("a chunked body within the limit streams through whole",
                        List.of(Request.of("POST", "/api/payments/chunked-ok").bearer(ALICE).chunked("z".repeat(900))), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(200);
                            assertThat(calls).singleElement().extracting(call -> call.body().length).isEqualTo(900);
                        }),
                traversal("/api/users/../admin/1"),
                traversal("/api/users/%2e%2e/admin/1"),
                traversal("/api/users/.%2E/admin/1"),
                traversal("/api/users/%252e%252e/admin/1"),
                traversal("/api/users/%2f..%2fadmin"),
                traversal("/api/users/..;/admin/1"),
                traversal("/api/users//1"),
                traversal("/api/users/./1"),
                row("hop-by-hop request headers stop at the gateway; others pass",
                        List.of(get("/api/users/hop-request").bearer(ALICE).header("Connection", "close, X-Client-Secret")
                                .header("X-Client-Secret", "s3cret").header("Keep-Alive", "timeout=5").header("TE", "trailers")
                                .header("Proxy-Authorization", "Basic YWxhZGRpbjpvcGVu").header("X-Client-Other", "kept")), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(200);
                            Call call = calls.get(0);
                            assertThat(List.of("X-Client-Secret", "Keep-Alive", "TE", "Proxy-Authorization")).noneMatch(call::has);
                            assertThat(String.valueOf(call.header("Connection"))).doesNotContainIgnoringCase("X-Client-Secret");
                            assertThat(call.header("X-Client-Other")).isEqualTo("kept");
                            assertThat(call.has("Transfer-Encoding")).as("a GET without a body is sent without one").isFalse();
                        }),
                row("hop-by-hop response headers stop at the gateway", List.of(get("/api/users/hop-response?hop=1").bearer(ALICE)), (replies, calls) -> {
                    Reply reply = replies.get(0);
                    assertThat(reply.status()).isEqualTo(200);
                    assertThat(reply.header("X-Backend-Secret")).isNull();
                    assertThat(reply.header("Keep-Alive")).isNull();
                    assertThat(reply.header("Proxy-Authenticate")).isNull();
                    assertThat(String.valueOf(reply.header("Connection"))).doesNotContainIgnoringCase("X-Backend-Secret");
                }),
                row("X-Forwarded-* and Forwarded describe the client's request; the prefix is stripped",
                        List.of(get("/api/users/forwarded?q=1").bearer(ALICE).header("X-Forwarded-For", "203.0.113.7")), (replies, calls) -> {
                            Call call = calls.get(0);
                            assertThat(call.target()).isEqualTo("/users/forwarded?q=1");
                            assertThat(call.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
                            assertThat(call.header("X-Forwarded-Proto")).isEqualTo("http");
                            assertThat(call.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
                            assertThat(call.header("X-Forwarded-Port")).isEqualTo(String.valueOf(port));
                            assertThat(call.header("X-Forwarded-Prefix")).isEqualTo("/api");
                            assertThat(call.header("Forwarded")).isEqualTo("for=127.0.0.1;host=\"localhost:" + port + "\";proto=http");
                        }),
                row("identity comes from the token: client identity headers and Authorization never reach the backend",
                        List.of(get("/api/users/who").bearer(ALICE).header("X-User-Id", "mallory").header("X-User-Roles", "admin")), (replies, calls) -> {
                            assertThat(replies.get(0).json().get("user")).isEqualTo("alice");
                            Call call = calls.get(0);
                            assertThat(call.headers().get("x-user-id")).containsExactly("alice");
                            assertThat(call.headers().get("x-user-roles")).containsExactly("reader");
                            assertThat(call.has("Authorization")).isFalse();
                        }),
                row("a public route needs no token, forwards no identity, and rewrites the path",
                        List.of(get("/api/catalog/books/1").header("X-User-Id", "mallory")), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(200);
                            assertThat(calls.get(0).target()).isEqualTo("/products/books/1");
                            assertThat(calls.get(0).has("X-User-Id")).isFalse();
                            assertThat(calls.get(0).header("X-Forwarded-Prefix")).isEqualTo("/api/catalog");
                        }),
                row("no token on a protected route is 401 problem+json", List.of(get("/api/users/anonymous")), (replies, calls) -> {
                    assertThat(replies.get(0).status()).isEqualTo(401);
                    assertThat(replies.get(0).header("Content-Type")).startsWith(PROBLEM);
                    assertThat(replies.get(0).header("WWW-Authenticate")).startsWith("Bearer");
                    assertThat(calls).isEmpty();
                }),
                row("a token without the route's scope is 403; with it the request passes",
                        List.of(get("/api/orders/o1").bearer(BOB), get("/api/orders/o1").bearer(ALICE)), (replies, calls) -> {
                            assertProblem(replies.get(0), 403, "INSUFFICIENT_SCOPE");
                            assertThat(replies.get(0).header("WWW-Authenticate")).contains("insufficient_scope").contains("orders.read");
                            assertThat(replies.get(1).status()).isEqualTo(200);
                            assertThat(calls).extracting(Call::target).containsExactly("/orders/o1");
                        }),
                row("a caller without the route's role is 403; with it the request passes, with Authorization where the route forwards it",
                        List.of(get("/api/admin/a1").bearer(ALICE), get("/api/admin/a1").bearer(ADMIN)), (replies, calls) -> {
                            assertProblem(replies.get(0), 403, "FORBIDDEN");
                            assertThat(replies.get(1).status()).isEqualTo(200);
                            assertThat(calls).hasSize(1);
                            assertThat(calls.get(0).header("Authorization")).isEqualTo("Bearer " + ADMIN);
                            assertThat(calls.get(0).header("X-User-Roles")).isEqualTo("admin");
                        }),
                row("over the route's rate limit is 429 problem+json with Retry-After",
                        List.of(get("/api/limited/l1").bearer(InProcessBff.token("carol")), get("/api/limited/l1").bearer(InProcessBff.token("carol"))), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(200);
                            assertThat(replies.get(0).header("RateLimit-Remaining")).isEqualTo("0");
                            assertProblem(replies.get(1), 429, "RATE_LIMITED");
                            assertThat(Long.parseLong(replies.get(1).header("Retry-After"))).isPositive();
                            assertThat(calls).hasSize(1);
                        }),
                row("a fresh cached GET is served without the backend (X-Cache: HIT, Age)",
                        List.of(get("/api/users/cached").bearer(ALICE), get("/api/users/cached").bearer(ALICE)), (replies, calls) -> {
                            assertThat(replies.get(0).header("X-Cache")).isEqualTo("MISS");
                            assertThat(replies.get(1).header("X-Cache")).isEqualTo("HIT");
                            assertThat(replies.get(1).header("Age")).isNotNull();
                            assertThat(replies.get(1).text()).isEqualTo(replies.get(0).text());
                            assertThat(calls).hasSize(1);
                        }),
                row("If-None-Match matching the cached ETag is 304 without a body",
                        List.of(get("/api/users/etag?etag=%22v1%22").bearer(ALICE), get("/api/users/etag?etag=%22v1%22").bearer(ALICE).header("If-None-Match", "\"v0\", \"v1\"")),
                        (replies, calls) -> {
                            assertThat(replies.get(0).header("ETag")).isEqualTo("\"v1\"");
                            assertThat(replies.get(1).status()).isEqualTo(304);
                            assertThat(replies.get(1).header("ETag")).isEqualTo("\"v1\"");
                            assertThat(replies.get(1).body()).isEmpty();
                            assertThat(calls).hasSize(1);
                        }),
                row("If-None-Match on a miss: the backend's full answer is cached and the client gets 304",
                        List.of(get("/api/users/etag-miss?etag=W/%22v2%22").bearer(ALICE).header("If-None-Match", "\"v2\""),
                                get("/api/users/etag-miss?etag=W/%22v2%22").bearer(ALICE)), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(304);
                            assertThat(calls.get(0).has("If-None-Match")).isFalse();
                            assertThat(replies.get(1).status()).isEqualTo(200);
                            assertThat(replies.get(1).header("X-Cache")).isEqualTo("HIT");
                            assertThat(calls).hasSize(1);
                        }),
                row("If-None-Match matching an answer that may not be stored is still 304",
                        List.of(get("/api/users/etag-no-store?etag=%22v3%22&cc=no-store").bearer(ALICE).header("If-None-Match", "\"v3\"")),
                        (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(304);
                            assertThat(replies.get(0).header("ETag")).isEqualTo("\"v3\"");
                        }),
                row("Cache-Control: no-store is never cached",
                        List.of(get("/api/users/no-store?cc=no-store").bearer(ALICE), get("/api/users/no-store?cc=no-store").bearer(ALICE)), (replies, calls) -> {
                            assertThat(replies).extracting(reply -> reply.header("X-Cache")).containsExactly("MISS", "MISS");
                            assertThat(replies.get(1).json().get("call")).isEqualTo(2);
                            assertThat(calls).hasSize(2);
                        }),
                row("max-age=0 is never served from the cache",
                        List.of(get("/api/users/max-age-0?cc=max-age%3D0").bearer(ALICE), get("/api/users/max-age-0?cc=max-age%3D0").bearer(ALICE)),
                        (replies, calls) -> assertThat(calls).hasSize(2)),
                row("Cache-Control: private is cached per user, never across users",
                        List.of(get("/api/users/private?cc=private,max-age%3D60").bearer(ALICE), get("/api/users/private?cc=private,max-age%3D60").bearer(ALICE),
                                get("/api/users/private?cc=private,max-age%3D60").bearer(BOB)), (replies, calls) -> {
                            assertThat(replies).extracting(reply -> reply.header("X-Cache")).containsExactly("MISS", "HIT", "MISS");
                            assertThat(replies.get(1).json().get("user")).isEqualTo("alice");
                            assertThat(replies.get(2).json().get("user")).isEqualTo("bob");
                            assertThat(calls).hasSize(2);
                        }),
                row("Vary keeps variants apart",
                        List.of(get("/api/users/vary?vary=Accept").bearer(ALICE).header("Accept", "application/json"),
                                get("/api/users/vary?vary=Accept").bearer(ALICE).header("Accept", "application/json"),
                                get("/api/users/vary?vary=Accept").bearer(ALICE).header("Accept", "text/plain")), (replies, calls) -> {
                            assertThat(replies).extracting(reply -> reply.header("X-Cache")).containsExactly("MISS", "HIT", "MISS");
                            assertThat(calls).hasSize(2);
                        }),
                row("a request's Cache-Control: no-cache goes to the backend",
                        List.of(get("/api/users/no-cache").bearer(ALICE), get("/api/users/no-cache").bearer(ALICE).header("Cache-Control", "no-cache")),
                        (replies, calls) -> {
                            assertThat(replies.get(1).header("X-Cache")).isEqualTo("MISS");
                            assertThat(calls).hasSize(2);
                        }),
                row("HEAD is answered from a cached GET",
                        List.of(get("/api/users/head").bearer(ALICE), Request.of("HEAD", "/api/users/head").bearer(ALICE)), (replies, calls) -> {
                            assertThat(replies.get(1).status()).isEqualTo(200);
                            assertThat(replies.get(1).header("X-Cache")).isEqualTo("HIT");
                            assertThat(replies.get(1).header("Content-Length")).isEqualTo(String.valueOf(replies.get(0).body().length));
                            assertThat(calls).extracting(Call::method).containsExactly("GET");
                        }),
                row("a backend's 4xx passes through as it is, uncached",
                        List.of(get("/api/users/missing?status=404").bearer(ALICE), get("/api/users/missing?status=404").bearer(ALICE)), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(404);
                            assertThat(replies.get(0).json().get("target")).isEqualTo("/users/missing?status=404");
                            assertThat(calls).hasSize(2);
                        }),
                row("a backend's 5xx answer passes through as it is",
                        List.of(Request.of("POST", "/api/payments/broken?status=500").bearer(ALICE).body("{}")), (replies, calls) -> {
                            assertThat(replies.get(0).status()).isEqualTo(500);
                            assertThat(replies.get(0).json().get("target")).isEqualTo("/payments/broken?status=500");
                            assertThat(calls).hasSize(1);
                        }),
                row("a backend slower than the route's timeout is 504 problem+json",
                        List.of(get("/api/payments/slow?hold=1").bearer(ALICE)),
                        (replies, calls) -> assertProblem(replies.get(0), 504, "GATEWAY_TIMEOUT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void passthrough(String name, List<Request> requests, Check check) {
        int before = BACKEND.calls().size();
        List<Reply> replies = new ArrayList<>();
        requests.forEach(request -> replies.add(Wire.send(port, request)));
        BACKEND.release();
        List<Call> calls = BACKEND.calls();
        check.verify(replies, calls.subList(before, calls.size()));
    }

    private static Arguments row(String name, List<Request> requests, Check check) {
        return Arguments.of(name, requests, check);
    }

    private static Arguments traversal(String path) {
        return row("a path not in normal form is 400 problem+json: " + path, List.of(get(path).bearer(ADMIN)), (replies, calls) -> {
            assertThat(replies.get(0).status()).isEqualTo(400);
            assertThat(replies.get(0).header("Content-Type")).startsWith(PROBLEM);
            assertThat(replies.get(0).json().get("code")).isEqualTo("PATH_NOT_NORMALIZED");
            assertThat(calls).isEmpty();
        });
    }

    static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM);
        Map<?, ?> problem = reply.json();
        assertThat(problem.get("status")).isEqualTo(status);
        assertThat(problem.get("type")).isEqualTo("about:blank");
        assertThat(problem.get("title")).isNotNull();
        assertThat(problem.get("detail")).asString().isNotBlank();
        assertThat(problem.get("code")).isEqualTo(code);
    }
}
