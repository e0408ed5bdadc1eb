package dev.fedbff.benchmarks.gateway;

import dev.fedbff.launcher.DevToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * An HS256 JWT for the benchmark's load generator, signed with the gateway's {@code fedbff.auth.hs256-secret} (its UTF-8
 * bytes are the key), valid for a day.
 * <p>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.fedbff.benchmarks.gateway.BenchmarkToken <secret>}
 */
public final class BenchmarkToken {

    static final Duration LIFETIME = Duration.ofDays(1);
    static final String SUBJECT = "benchmark";

    private static final String CLAIMS = "{\"sub\":\"%s\",\"iat\":%d,\"exp\":%d}";

    private BenchmarkToken() {
    }

    public static String mint(String secret, Instant now) {
        return DevToken.sign(secret, String.format(Locale.ROOT, CLAIMS, SUBJECT, now.getEpochSecond(), now.plus(LIFETIME).getEpochSecond()));
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].getBytes(StandardCharsets.UTF_8).length < 32) {
            System.err.println("usage: BenchmarkToken <hs256 secret of at least 32 bytes>");
            System.exit(2);
        }
        System.out.println(mint(args[0], Instant.now()));
    }
}
