package dev.fedbff.gateway.auth;

import dev.fedbff.gateway.InProcessBff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A BFF that cannot verify tokens does not start, and says which setting to fix in Spring Boot's short report. */
@ExtendWith(OutputCaptureExtension.class)
class AuthSettingsIT {

    @Test
    void withNeitherSecretNorJwksUrlTheGatewayRefusesToStart(CapturedOutput output) {
        assertThatThrownBy(() -> InProcessBff.with().without("fedbff.auth.hs256-secret").start())
                .rootCause().isInstanceOf(InvalidAuthSettingException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value (not set) for fedbff.auth.hs256-secret: no key to verify tokens with")
                .contains("set fedbff.auth.hs256-secret (HS256", "or fedbff.auth.jwks-uri (RS256/ES256")
                .doesNotContain("at dev.fedbff.gateway");
    }

    @Test
    void emptyPlaceholdersCountAsNotSet() {
        Map<String, String> settings = Map.of("fedbff.auth.hs256-secret", TestKeys.SECRET, "fedbff.auth.jwks-uri", "",
                "fedbff.auth.issuer", "", "fedbff.auth.audiences", "", "fedbff.auth.algorithms", "");

        try (InProcessBff gateway = InProcessBff.start(settings)) {
            assertThat(gateway.bean(JwtVerifier.class).algorithms()).containsExactly("HS256");
        }
    }

    @Test
    void aShortSecretIsRefusedWithoutPrintingIt(CapturedOutput output) {
        assertThatThrownBy(() -> InProcessBff.start(Map.of("fedbff.auth.hs256-secret", "too-short-secret")))
                .rootCause().isInstanceOf(InvalidAuthSettingException.class);

        assertThat(output).contains("Invalid value (too short) for fedbff.auth.hs256-secret")
                .contains("HS256 needs a shared secret of at least 32 bytes")
                .doesNotContain("too-short-secret");
    }
}
