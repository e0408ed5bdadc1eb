package dev.fedbff.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import dev.fedbff.testsupport.TokenIssuer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stand-in identity provider: it signs HS256 tokens with the BFFs' shared secret, RS256 tokens with an RSA key whose
 * public half it serves as a JWK set over real HTTP, and mints the broken and forged tokens of the bad-input corpus by
 * name. Tokens are put together by hand (base64url JSON) so that they can be wrong in ways no JWT library allows.
 */
final class IdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://id.fedbff.test/";
    static final String AUDIENCE = "web-bff";
    static final String SUBJECT = "42";
    static final String ROLE = "customer";
    private static final String KEY_ID = "fedbff-test-1";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String secret;
    private final RSAKey signingKey;
    private final RSAKey foreignKey;
    private final RecordingBackend jwks;

    IdentityProvider(String secret) {
        this.secret = secret;
        this.signingKey = TokenIssuer.rsaKey(KEY_ID);
        this.foreignKey = TokenIssuer.rsaKey(KEY_ID);
        String keys = new JWKSet(signingKey.toPublicJWK()).toString();
        this.jwks = new RecordingBackend("identity-provider", 0).answer("/jwks.json", call -> Answer.json(keys));
    }

    URI jwksUri() {
        return jwks.address().resolve("/jwks.json");
    }

    /**
     * The {@code Authorization} header value for a token kind of the corpus, or null for {@code none} (no header).
     * Every kind carries the claims of {@code valid} but for the one it breaks.
     */
    String authorization(String kind) {
        if (kind.equals("none")) {
            return null;
        }
        if (kind.equals("basic")) {
            return "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token(kind);
    }

    private String token(String kind) {
        Instant now = Instant.now();
        return switch (kind) {
            case "valid" -> hs("HS256", claims(c -> { }));
            case "empty" -> "";
            case "garbage" -> "not.a.jwt";
            case "two-parts" -> dropLast(hs("HS256", claims(c -> { })), '.');
            case "no-signature" -> dropAfterLast(hs("HS256", claims(c -> { })), '.');
            case "truncated-signature" -> dropEnd(hs("HS256", claims(c -> { })), 6);
            case "alg-none" -> unsigned(Map.of("alg", "none", "typ", "JWT"));
            case "alg-none-uppercase" -> unsigned(Map.of("alg", "NONE"));
            case "alg-none-with-signature" -> json(Map.of("alg", "none")) + "." + json(claims(c -> { })) + "."
                    + hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), "x");
            case "alg-missing" -> sign(Map.of("typ", "JWT"), claims(c -> { }), "HmacSHA256", secret.getBytes(StandardCharsets.UTF_8));
            case "hs512" -> sign(Map.of("alg", "HS512"), claims(c -> { }), "HmacSHA512", secret.getBytes(StandardCharsets.UTF_8));
            case "other-secret" -> sign(Map.of("alg", "HS256"), claims(c -> { }), "HmacSHA256", LocalSystem.newSecret().getBytes(StandardCharsets.UTF_8));
            case "hs-rs-confusion-pem" -> sign(Map.of("alg", "HS256", "kid", KEY_ID), claims(c -> { }), "HmacSHA256", publicKeyPem());
            case "hs-rs-confusion-jwk" -> sign(Map.of("alg", "HS256", "kid", KEY_ID), claims(c -> { }), "HmacSHA256",
                    signingKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
            case "rs-header-hmac-signature" -> sign(Map.of("alg", "RS256", "kid", KEY_ID), claims(c -> { }), "HmacSHA256",
                    secret.getBytes(StandardCharsets.UTF_8));
            case "rs256" -> rs(signingKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims(c -> { }));
            case "rs256-foreign-key" -> rs(foreignKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims(c -> { }));
            case "rs256-unknown-kid" -> rs(foreignKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-1").build(), claims(c -> { }));
            case "rs256-embedded-jwk" -> rs(foreignKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-1")
                    .jwk(foreignKey.toPublicJWK()).build(), claims(c -> { }));
            case "rs256-jku" -> rs(foreignKey, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker-2")
                    .jwkURL(URI.create("http://127.0.0.1:1/attacker-jwks.json")).build(), claims(c -> { }));
            case "expired" -> hs("HS256", claims(c -> {
                c.put("iat", now.minusSeconds(1200).getEpochSecond());
                c.put("exp", now.minusSeconds(600).getEpochSecond());
            }));
            case "not-yet-valid" -> hs("HS256", claims(c -> c.put("nbf", now.plusSeconds(600).getEpochSecond())));
            case "exp-not-a-number" -> hs("HS256", claims(c -> c.put("exp", "tomorrow")));
            case "no-exp" -> hs("HS256", claims(c -> c.remove("exp")));
            case "no-sub" -> hs("HS256", claims(c -> c.remove("sub")));
            case "blank-sub" -> hs("HS256", claims(c -> c.put("sub", "  ")));
            case "wrong-issuer" -> hs("HS256", claims(c -> c.put("iss", "https://evil.example/")));
            case "no-issuer" -> hs("HS256", claims(c -> c.remove("iss")));
            case "wrong-audience" -> hs("HS256", claims(c -> c.put("aud", List.of("mobile-bff", "somebody-else"))));
            case "no-audience" -> hs("HS256", claims(c -> c.remove("aud")));
            case "tampered-payload" -> tampered();
            case "tampered-header" -> withHeader(hs("HS256", claims(c -> { })), Map.of("alg", "HS256", "kid", "admin"));
            case "header-not-json" -> BASE64URL.encodeToString("{\"alg\":".getBytes(StandardCharsets.UTF_8)) + "."
                    + json(claims(c -> { })) + ".c2ln";
            case "payload-not-json" -> signRaw(json(Map.of("alg", "HS256")) + "." + BASE64URL.encodeToString("[1,".getBytes(StandardCharsets.UTF_8)));
            case "jwe-shaped" -> json(Map.of("alg", "RSA-OAEP", "enc", "A256GCM")) + ".a2V5.aXY.Y2lwaGVy.dGFn";
            case "crlf-in-sub" -> hs("HS256", claims(c -> c.put("sub", "42\r\nX-Admin: true")));
            case "crlf-in-role" -> hs("HS256", claims(c -> c.put("roles", List.of("customer\r\nX-User-Id: 1"))));
            case "oversized" -> hs("HS256", claims(c -> c.put("padding", "x".repeat(12_000))));
            default -> throw new IllegalArgumentException("unknown token kind " + kind);
        };
    }

    /** The claims every BFF of the corpus accepts: subject 42, role customer, issuer and audience of the strict BFF. */
    private static Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", SUBJECT);
        claims.put("iss", ISSUER);
        claims.put("aud", List.of(AUDIENCE));
        claims.put("roles", List.of(ROLE));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        change.accept(claims);
        return claims;
    }

    private String hs(String algorithm, Map<String, Object> claims) {
        return sign(Map.of("alg", algorithm, "typ", "JWT"), claims, "HmacSHA" + algorithm.substring(2), secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A token signed for subject 42 whose payload then says subject 1: the signature no longer fits. */
    private String tampered() {
        String[] parts = hs("HS256", claims(c -> { })).split("\\.");
        return parts[0] + "." + json(claims(c -> c.put("sub", "1"))) + "." + parts[2];
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, String mac, byte[] key) {
        String signingInput = json(header) + "." + json(claims);
        return signingInput + "." + hmac(mac, key, signingInput);
    }

    private String signRaw(String signingInput) {
        return signingInput + "." + hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), signingInput);
    }

    private static String unsigned(Map<String, Object> header) {
        return json(header) + "." + json(claims(c -> { })) + ".";
    }

    private static String rs(RSAKey key, JWSHeader header, Map<String, Object> claims) {
        return TokenIssuer.rs256(key).sign(header, new Payload(GraphQLClient.JSON.writeValueAsString(claims)));
    }

    private static String hmac(String algorithm, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA public key as PEM text: what an attacker uses as the HMAC secret in the HS/RS confusion. */
    private byte[] publicKeyPem() {
        try {
            String der = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signingKey.toPublicKey().getEncoded());
            return ("-----BEGIN PUBLIC KEY-----\n" + der + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> value) {
        return BASE64URL.encodeToString(GraphQLClient.JSON.writeValueAsBytes(value));
    }

    private static String dropEnd(String token, int characters) {
        return token.substring(0, token.length() - characters);
    }

    /** The token with its header replaced and its signature kept. */
    private static String withHeader(String token, Map<String, Object> header) {
        return json(header) + token.substring(token.indexOf('.'));
    }

    private static String dropLast(String token, char separator) {
        return token.substring(0, token.lastIndexOf(separator));
    }

    private static String dropAfterLast(String token, char separator) {
        return token.substring(0, token.lastIndexOf(separator) + 1);
    }

    @Override
    public void close() {
        jwks.close();
    }
}
