package dev.fedbff.benchmarks.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HS256 JWT for the benchmark's load generator, signed with the gateway's {@code fedbff.auth.hs256-secret} (its UTF-8
 * bytes are the key), valid for a day.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.gateway.BenchmarkToken <secret>}
 */
public final class BenchmarkToken {

    static final Duration LIFETIME = Duration.ofDays(1);
    static final String SUBJECT = "benchmark";

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String CLAIMS = "{\"sub\":\"%s\",\"iat\":%d,\"exp\":%d}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private BenchmarkToken() {
    }

    public static String mint(String secret, Instant now) {
        String claims = String.format(Locale.ROOT, CLAIMS, SUBJECT, now.getEpochSecond(), now.plus(LIFETIME).getEpochSecond());
        String signingInput = encode(HEADER) + "." + encode(claims);
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

    public static void main(String[] args) {
        if (args.length != 1 || args[0].getBytes(StandardCharsets.UTF_8).length < 32) {
            System.err.println("usage: BenchmarkToken <hs256 secret of at least 32 bytes>");
            System.exit(2);
        }
        System.out.println(mint(args[0], Instant.now()));
    }
}
