package dev.fedbff.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DevTokenTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void newSecretIsAtLeast32BytesOfBase64Url() {
        String secret = DevToken.newSecret();

        assertThat(secret).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
        assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(DevToken.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void tokenHasExpectedHeaderAndClaims() {
        String[] parts = DevToken.mint(DevToken.newSecret(), NOW).split("\\.", -1);

        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(part -> assertThat(part).doesNotContain("=", "+", "/"));
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"42\",\"name\":\"Dev User\","
                + "\"scope\":\"profile orders payments\",\"iat\":1700000000,\"exp\":1700043200}");
    }

    @Test
    void signatureIsHmacSha256OfHeaderAndClaimsWithTheSecret() throws Exception {
        String secret = DevToken.newSecret();
        String token = DevToken.mint(secret, NOW);
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        String signature = token.substring(token.lastIndexOf('.') + 1);

        assertThat(signature).isEqualTo(sign(secret, signingInput));
        assertThat(signature).isNotEqualTo(sign(DevToken.newSecret(), signingInput));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String sign(String secret, String signingInput) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
