package dev.fedbff.gateway.auth;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A JWKS decoder replaced by a fresh one once it is older than its time to live. Spring's decoder keeps the JWK set
 * it fetched until a token names an unknown {@code kid}; a fresh decoder fetches the set again, so a key the
 * identity provider withdrew stops being accepted within the time to live.
 */
final class RenewingDecoder implements ReactiveJwtDecoder {

    private record Generation(ReactiveJwtDecoder decoder, Instant built) {
    }

    private final Supplier<ReactiveJwtDecoder> factory;
    private final Duration timeToLive;
    private final Clock clock;
    private final AtomicReference<Generation> current;

    RenewingDecoder(Supplier<ReactiveJwtDecoder> factory, Duration timeToLive, Clock clock) {
        this.factory = factory;
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.current = new AtomicReference<>(new Generation(factory.get(), clock.instant()));
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Generation generation = current.get();
        Instant now = clock.instant();
        if (!now.isBefore(generation.built().plus(timeToLive))) {
            current.compareAndSet(generation, new Generation(factory.get(), now));
        }
        return current.get().decoder().decode(token);
    }
}
