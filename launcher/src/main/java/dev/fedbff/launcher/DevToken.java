package dev.fedbff.launcher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-run HS256 secret and a development JWT signed with it (the UTF-8 bytes of the secret are the key).
 * {@link #sign} is the project's one JDK-only HS256 signer; the benchmark's load generator uses it too.
 */
public final class DevToken {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final String SUBJECT = "42";

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String CLAIMS =
            "{\"sub\":\"%s\",\"name\":\"Dev User\",\"scope\":\"profile orders payments\",\"iat\":%d,\"exp\":%d}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DevToken() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    static String mint(String secret, Instant now) {
        return sign(secret, String.format(Locale.ROOT, CLAIMS, SUBJECT, now.getEpochSecond(), now.plus(LIFETIME).getEpochSecond()));
    }

    /** An HS256 JWT with these claims (a JSON object), signed with the UTF-8 bytes of {@code secret}. */
    public static String sign(String secret, String claimsJson) {
        String signingInput = encode(HEADER) + "." + encode(claimsJson);
        return signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret, signingInput));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacSha256(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
