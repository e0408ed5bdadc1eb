package dev.fedbff.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token is verified once: the first request with it is checked in full (signature, claims) by the decoder this
 * wraps; later requests with the same token get the verified {@link Jwt} from a small cache keyed by the token's
 * SHA-256 hash (the token itself is not kept as a key). An entry is bounded by the token's expiry: on every hit
 * {@code exp} and {@code nbf} are checked again against the verifier's clock with the same clock skew, so an expired
 * token is never answered from the cache but goes through the full check, which refuses it; entries also leave the
 * cache once expired and when it holds more than {@link #MAXIMUM_SIZE} tokens. Refused tokens are never cached, nor
 * tokens without {@code exp} or bound to a client certificate ({@code cnf}). A JWKS decoder gets a fresh cache with
 * each renewal of its key set ({@link RenewingDecoder}), so a withdrawn key's tokens stop working as before.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    static final int MAXIMUM_SIZE = 10_000;
    /** However long a token lives, it is verified again at least this often. */
    static final Duration LONGEST_STAY = Duration.ofMinutes(10);

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Duration clockSkew;
    private final Cache<ByteBuffer, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, Clock clock, Duration clockSkew) {
        this.verifier = verifier;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_SIZE)
                .expireAfter(Expiry.<ByteBuffer, Jwt>creating((key, jwt) -> stay(jwt)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        ByteBuffer key = hash(token);
        Jwt jwt = verified.getIfPresent(key);
        if (jwt != null) {
            if (valid(jwt, clock.instant())) {
                return Mono.just(jwt);
            }
            verified.invalidate(key);
        }
        return verifier.decode(token).doOnNext(accepted -> {
            if (accepted.getExpiresAt() != null && !accepted.hasClaim("cnf")) {
                verified.put(key, accepted);
            }
        });
    }

    /** What {@code JwtTimestampValidator} checks, with the same skew: not expired, not before its {@code nbf}. */
    private boolean valid(Jwt jwt, Instant now) {
        Instant expiresAt = jwt.getExpiresAt();
        Instant notBefore = jwt.getNotBefore();
        return expiresAt != null && now.minus(clockSkew).isBefore(expiresAt)
                && (notBefore == null || !now.plus(clockSkew).isBefore(notBefore));
    }

    private Duration stay(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration left = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt.plus(clockSkew));
        return left.isNegative() ? Duration.ZERO : left.compareTo(LONGEST_STAY) > 0 ? LONGEST_STAY : left;
    }

    private static ByteBuffer hash(String token) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
