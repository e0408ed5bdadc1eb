package dev.fedbff.gateway.passthrough;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The response cache and its HTTP rules, on a manual clock: freshness, the stale window, Vary, per-user keys, ETags. */
class ResponseCacheTest {

    final AtomicLong nanos = new AtomicLong(1_000);
    final Ticker ticker = nanos::get;
    final ResponseCache cache = new ResponseCache(1024 * 1024, 64 * 1024, Duration.ofSeconds(60), ticker);
    final CacheKey alice = new CacheKey("users", "/users/42", "alice");

    @ParameterizedTest(name = "{0} with route TTL 30 s, per user {1}: fresh for {2} s")
    @CsvSource(delimiterString = "|", value = {
            "''                          | true  | 30",
            "max-age=10                  | true  | 10",
            "max-age=600                 | true  | 30",
            "s-maxage=5, max-age=20      | false | 5",
            "s-maxage=5, max-age=20      | true  | 20",
            "no-store                    | true  | 0",
            "no-cache                    | true  | 0",
            "private, max-age=20         | true  | 20",
            "private, max-age=20         | false | 0",
            "max-age=0                   | true  | 0",
            "max-age=oops                | true  | 0"})
    void freshnessFollowsCacheControlWithinTheRouteTtl(String cacheControl, boolean perUser, long seconds) {
        HttpHeaders response = new HttpHeaders();
        if (!cacheControl.equals("''")) {
            response.set(HttpHeaders.CACHE_CONTROL, cacheControl);
        }

        assertThat(CachePolicy.freshness(Duration.ofSeconds(30), 200, response, perUser)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void onlyPlain200AnswersWithoutCookiesOrVaryStarAreStored() {
        HttpHeaders cookie = new HttpHeaders();
        cookie.set(HttpHeaders.SET_COOKIE, "session=1");
        HttpHeaders varyAll = new HttpHeaders();
        varyAll.set(HttpHeaders.VARY, "*");

        assertThat(CachePolicy.freshness(Duration.ofSeconds(30), 404, new HttpHeaders(), true)).isZero();
        assertThat(CachePolicy.freshness(Duration.ofSeconds(30), 200, cookie, true)).isZero();
        assertThat(CachePolicy.freshness(Duration.ofSeconds(30), 200, varyAll, true)).isZero();
        assertThat(CachePolicy.freshness(Duration.ZERO, 200, new HttpHeaders(), true)).isZero();
    }

    @Test
    void anEntryIsFreshForItsTtlThenStaleForMaxStaleThenGone() {
        store(alice, new HttpHeaders(), new HttpHeaders(), "v1");

        assertThat(cache.lookup(alice, new HttpHeaders()).freshAt(cache.now())).isTrue();
        advance(Duration.ofSeconds(31));
        CachedResponse stale = cache.lookup(alice, new HttpHeaders());
        assertThat(stale).isNotNull();
        assertThat(stale.freshAt(cache.now())).isFalse();
        assertThat(stale.ageSeconds(cache.now())).isEqualTo(31);
        advance(Duration.ofSeconds(60));
        assertThat(cache.lookup(alice, new HttpHeaders())).isNull();
    }

    @Test
    void mustRevalidateAnswersAreNeverServedStale() {
        HttpHeaders response = new HttpHeaders();
        response.set(HttpHeaders.CACHE_CONTROL, "max-age=10, must-revalidate");
        store(alice, response, new HttpHeaders(), "v1");

        advance(Duration.ofSeconds(11));

        assertThat(cache.lookup(alice, new HttpHeaders())).isNull();
    }

    @Test
    void varyKeepsAnswersForOtherHeaderValuesApart() {
        HttpHeaders response = new HttpHeaders();
        response.set(HttpHeaders.VARY, "Accept-Language");
        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        HttpHeaders french = new HttpHeaders();
        french.set(HttpHeaders.ACCEPT_LANGUAGE, "fr");
        store(alice, response, german, "Hallo");

        assertThat(body(cache.lookup(alice, german))).isEqualTo("Hallo");
        assertThat(cache.lookup(alice, french)).isNull();
    }

    @Test
    void keysAreNeverSharedBetweenUsers() {
        store(alice, new HttpHeaders(), new HttpHeaders(), "for alice");

        assertThat(cache.lookup(new CacheKey("users", "/users/42", "bob"), new HttpHeaders())).isNull();
        assertThat(cache.lookup(new CacheKey("users", "/users/42", ""), new HttpHeaders())).isNull();
    }

    @Test
    void bodiesOverTheLimitAreNotStored() {
        HttpHeaders large = new HttpHeaders();
        large.setContentLength(65 * 1024);

        assertThat(cache.candidate(alice, Duration.ofSeconds(30), 200, large, new HttpHeaders())).isNull();
        ResponseCache.Candidate unknownLength = cache.candidate(alice, Duration.ofSeconds(30), 200, new HttpHeaders(), new HttpHeaders());
        cache.store(unknownLength, new byte[65 * 1024]);
        assertThat(cache.lookup(alice, new HttpHeaders())).isNull();
    }

    @ParameterizedTest(name = "If-None-Match {0} against ETag {1}: {2}")
    @CsvSource(delimiterString = "|", value = {
            "\"v1\"           | \"v1\"   | true",
            "W/\"v1\"         | \"v1\"   | true",
            "\"v0\", \"v1\"   | W/\"v1\" | true",
            "*                | \"v1\"   | true",
            "\"v2\"           | \"v1\"   | false"})
    void ifNoneMatchComparesWeakly(String ifNoneMatch, String etag, boolean notModified) {
        assertThat(CachePolicy.notModified(ifNoneMatch, etag)).isEqualTo(notModified);
    }

    @Test
    void aBodyLimitAboveTheTotalSizeIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> new ResponseCache(1024, 2048, Duration.ZERO, ticker))
                .hasMessageContaining("fedbff.response-cache.max-body-size").hasMessageContaining("fedbff.response-cache.maximum-size");
    }

    private void store(CacheKey key, HttpHeaders response, HttpHeaders request, String body) {
        ResponseCache.Candidate candidate = cache.candidate(key, Duration.ofSeconds(30), 200, response, request);
        assertThat(candidate).isNotNull();
        cache.store(candidate, body.getBytes(StandardCharsets.UTF_8));
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static String body(CachedResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
