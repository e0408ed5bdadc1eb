package dev.fedbff.gateway.auth;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObject;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens against an allow-list of algorithms and picks the key by the token's {@code alg}: HS* with
 * the shared secret, RS*, ES* and PS* with the keys served at a JWKS URL. A token whose {@code alg} is not on the
 * list ({@code none}, or HS256 where only JWKS keys are configured) is refused before any key is looked at, so a
 * public RSA key can never serve as an HMAC secret. Keys come from Spring Security's {@link NimbusReactiveJwtDecoder},
 * which fetches the JWK set again when a token names a {@code kid} it has not seen: that is how a rotated key
 * reaches the gateway. The set is also fetched afresh every five minutes, so a withdrawn key stops working. Every
 * token needs a {@code sub} (the caller backends are told about) and an {@code exp}; {@code exp} and {@code nbf} are
 * checked with the configured clock skew, {@code iss} and {@code aud} when configured. A token is verified in full
 * once; until it expires, the same token is answered from {@link VerifiedTokens}, a cache of verified tokens.
 */
public final class JwtVerifier implements ReactiveJwtDecoder {

    /** How long one JWKS fetch may take. */
    private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);
    /** How long a fetched JWK set is trusted before it is fetched again (a token with a new {@code kid} fetches it at once). */
    static final Duration JWKS_TIME_TO_LIVE = Duration.ofMinutes(5);

    /** How many distinct token headers {@link #algorithm} remembers: an issuer's tokens share one or a few. */
    static final int HEADERS_REMEMBERED = 64;

    private final Map<String, ReactiveJwtDecoder> decodersByAlgorithm;
    /** The {@code alg} of token headers already parsed, by the header's base64url text: the header alone decides it. */
    private final Map<String, String> algorithmByHeader = new ConcurrentHashMap<>();

    private JwtVerifier(Map<String, ReactiveJwtDecoder> decodersByAlgorithm) {
        this.decodersByAlgorithm = Map.copyOf(decodersByAlgorithm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The accepted algorithms, e.g. {@code [HS256, RS256, ES256]}. */
    public Set<String> algorithms() {
        return decodersByAlgorithm.keySet();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String algorithm;
        try {
            algorithm = algorithm(token);
        } catch (BadJwtException e) {
            return Mono.error(e);
        }
        if (algorithm.equals("none")) {
            return Mono.error(new BadJwtException("unsigned tokens (alg none) are never accepted"));
        }
        ReactiveJwtDecoder decoder = decodersByAlgorithm.get(algorithm);
        if (decoder == null) {
            return Mono.error(new BadJwtException("tokens signed with " + algorithm + " are not accepted"));
        }
        return decoder.decode(token).onErrorMap(error -> !(error instanceof JwtException), JwtVerifier::keysUnavailable);
    }

    /** Not the token's fault: the keys could not be fetched. Spring Security reports it as a service failure, not a 401. */
    private static JwtException keysUnavailable(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return new JwtException("the signing keys cannot be fetched: " + cause.getMessage(), error);
    }

    /** The token's {@code alg}; a header seen before (of a JWS with three parts) is not parsed again. */
    private String algorithm(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        boolean jws = first > 0 && second > first && token.indexOf('.', second + 1) < 0;
        if (!jws) {
            return algorithmOf(token);
        }
        String header = token.substring(0, first);
        String known = algorithmByHeader.get(header);
        if (known != null) {
            return known;
        }
        String parsed = algorithmOf(token);
        if (algorithmByHeader.size() < HEADERS_REMEMBERED) {
            algorithmByHeader.put(header, parsed);
        }
        return parsed;
    }

    private static String algorithmOf(String token) {
        try {
            return Header.parse(JOSEObject.split(token)[0]).getAlgorithm().getName();
        } catch (ParseException e) {
            throw new BadJwtException("the token is not a well-formed JWT", e);
        }
    }

    /**
     * The {@code fedbff.auth} settings; {@link #build()} refuses a bad combination with an
     * {@link InvalidAuthSettingException} naming the setting.
     */
    public static final class Builder {

        private @Nullable String hs256Secret;
        private @Nullable URI jwksUri;
        private @Nullable String issuer;
        private List<String> audiences = List.of();
        private List<String> algorithms = List.of();
        private Duration clockSkew = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The shared HMAC secret; its UTF-8 bytes are the key. Blank means not set. */
        public Builder hs256Secret(@Nullable String secret) {
            this.hs256Secret = secret == null || secret.isBlank() ? null : secret;
            return this;
        }

        /** Where the identity provider publishes its public keys (a JWK set). Empty means not set. */
        public Builder jwksUri(@Nullable URI uri) {
            if (uri != null && uri.toString().isBlank()) {
                uri = null;
            }
            if (uri != null && !(uri.isAbsolute() && List.of("http", "https").contains(uri.getScheme()))) {
                throw new InvalidAuthSettingException("fedbff.auth.jwks-uri", uri.toString(), "the JWKS URL must be an absolute http(s) URL");
            }
            this.jwksUri = uri;
            return this;
        }

        /** The {@code iss} every token must carry; null or blank checks none. */
        public Builder issuer(@Nullable String issuer) {
            this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
            return this;
        }

        /** A token's {@code aud} must name at least one of these; empty checks none. */
        public Builder audiences(List<String> audiences) {
            this.audiences = List.copyOf(audiences);
            return this;
        }

        /** The allow-list of {@code alg} values; empty means HS256 with a secret, RS256 and ES256 with a JWKS URL. */
        public Builder algorithms(List<String> algorithms) {
            this.algorithms = List.copyOf(algorithms);
            return this;
        }

        /** How far {@code exp} and {@code nbf} may be off from this clock. */
        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew.isNegative()) {
                throw new InvalidAuthSettingException("fedbff.auth.clock-skew", clockSkew.toString(), "the clock skew cannot be negative");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        /** The clock {@code exp} and {@code nbf} are checked against. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public JwtVerifier build() {
            if (hs256Secret == null && jwksUri == null) {
                throw new InvalidAuthSettingException("fedbff.auth.hs256-secret", "(not set)",
                        "no key to verify tokens with: set fedbff.auth.hs256-secret (HS256, a shared secret of at least 32 bytes, "
                                + "e.g. FEDBFF_AUTH_HS256_SECRET) or fedbff.auth.jwks-uri (RS256/ES256 keys of your identity provider)");
            }
            Set<JwsAlgorithm> allowed = allowedAlgorithms();
            OAuth2TokenValidator<Jwt> validator = validator();
            Map<String, ReactiveJwtDecoder> decoders = new LinkedHashMap<>();
            List<SignatureAlgorithm> signatures = new ArrayList<>();
            for (JwsAlgorithm algorithm : allowed) {
                if (algorithm instanceof MacAlgorithm mac && hs256Secret != null) {
                    decoders.put(mac.getName(), new VerifiedTokens(macDecoder(hs256Secret.getBytes(StandardCharsets.UTF_8), mac, validator), clock, clockSkew));
                } else if (algorithm instanceof SignatureAlgorithm signature) {
                    signatures.add(signature);
                }
            }
            if (jwksUri != null && !signatures.isEmpty()) {
                ReactiveJwtDecoder jwks = jwksDecoder(jwksUri, signatures, validator);
                signatures.forEach(signature -> decoders.put(signature.getName(), jwks));
            }
            return new JwtVerifier(decoders);
        }

        private Set<JwsAlgorithm> allowedAlgorithms() {
            Set<JwsAlgorithm> allowed = new LinkedHashSet<>();
            if (algorithms.isEmpty()) {
                if (hs256Secret != null) {
                    allowed.add(MacAlgorithm.HS256);
                }
                if (jwksUri != null) {
                    allowed.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
                }
            }
            algorithms.forEach(name -> allowed.add(algorithm(name)));
            allowed.forEach(this::checkKeyFor);
            checkEveryKeyIsUsed(allowed);
            return allowed;
        }

        private JwsAlgorithm algorithm(String name) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (upper.equals("NONE")) {
                throw new InvalidAuthSettingException("fedbff.auth.algorithms", name, "unsigned tokens (alg none) are never accepted");
            }
            MacAlgorithm mac = MacAlgorithm.from(upper);
            if (mac != null) {
                return mac;
            }
            SignatureAlgorithm signature = SignatureAlgorithm.from(upper);
            if (signature != null) {
                return signature;
            }
            throw new InvalidAuthSettingException("fedbff.auth.algorithms", name,
                    "not a JWS algorithm this gateway knows; use HS256/384/512, RS256/384/512, ES256/384/512 or PS256/384/512");
        }

        private void checkKeyFor(JwsAlgorithm algorithm) {
            if (algorithm instanceof MacAlgorithm mac) {
                if (hs256Secret == null) {
                    throw new InvalidAuthSettingException("fedbff.auth.algorithms", mac.getName(), mac.getName() + " needs fedbff.auth.hs256-secret");
                }
                int minimum = Integer.parseInt(mac.getName().substring(2)) / 8;
                if (hs256Secret.getBytes(StandardCharsets.UTF_8).length < minimum) {
                    throw new InvalidAuthSettingException("fedbff.auth.hs256-secret", "(too short)", mac.getName() + " needs a shared secret of at least "
                            + minimum + " bytes; set fedbff.auth.hs256-secret or FEDBFF_AUTH_HS256_SECRET");
                }
            } else if (jwksUri == null) {
                throw new InvalidAuthSettingException("fedbff.auth.algorithms", algorithm.getName(), algorithm.getName() + " needs fedbff.auth.jwks-uri");
            }
        }

        private void checkEveryKeyIsUsed(Set<JwsAlgorithm> allowed) {
            if (hs256Secret != null && allowed.stream().noneMatch(MacAlgorithm.class::isInstance)) {
                throw new InvalidAuthSettingException("fedbff.auth.algorithms", algorithms.toString(),
                        "fedbff.auth.hs256-secret is set but no HS algorithm is allowed; add HS256 or remove the secret");
            }
            if (jwksUri != null && allowed.stream().noneMatch(SignatureAlgorithm.class::isInstance)) {
                throw new InvalidAuthSettingException("fedbff.auth.algorithms", algorithms.toString(),
                        "fedbff.auth.jwks-uri is set but no RS, ES or PS algorithm is allowed; add RS256 or ES256 or remove the JWKS URL");
            }
        }

        private OAuth2TokenValidator<Jwt> validator() {
            JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
            timestamps.setClock(clock);
            timestamps.setAllowEmptyExpiryClaim(false);
            List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps,
                    new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank())));
            if (issuer != null) {
                validators.add(new JwtIssuerValidator(issuer));
            }
            if (!audiences.isEmpty()) {
                List<String> accepted = audiences;
                validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.stream().anyMatch(accepted::contains)));
            }
            return JwtValidators.createDefaultWithValidators(validators);
        }

        private static ReactiveJwtDecoder macDecoder(byte[] secret, MacAlgorithm mac, OAuth2TokenValidator<Jwt> validator) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                    .withSecretKey(new SecretKeySpec(secret, "HmacSHA" + mac.getName().substring(2)))
                    .macAlgorithm(mac)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }

        private ReactiveJwtDecoder jwksDecoder(URI uri, List<SignatureAlgorithm> signatures, OAuth2TokenValidator<Jwt> validator) {
            HttpClient http = HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) JWKS_TIMEOUT.toMillis())
                    .responseTimeout(JWKS_TIMEOUT);
            WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
            return new RenewingDecoder(() -> {
                NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(uri.toString())
                        .jwsAlgorithms(set -> set.addAll(signatures))
                        .webClient(client)
                        .build();
                decoder.setJwtValidator(validator);
                return new VerifiedTokens(decoder, clock, clockSkew);
            }, JWKS_TIME_TO_LIVE, clock);
        }
    }
}
