package dev.fedbff.gateway.config;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's header checks without regular expressions decide as Spring Security's own do: for every code point
 * alone, for unpaired surrogates, for mixed text and for null.
 */
class HeaderCharactersTest {

    @Test
    void namesAreJudgedAsSpringSecurityJudgesThem() {
        assertSameAnswers(HeaderCharacters::nameAllowed, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES);
    }

    @Test
    void valuesAreJudgedAsSpringSecurityJudgesThem() {
        assertSameAnswers(HeaderCharacters::valueAllowed, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES);
    }

    @Test
    void aTabIsAllowedInValuesOnly() {
        assertThat(HeaderCharacters.valueAllowed("a\tb")).isTrue();
        assertThat(HeaderCharacters.nameAllowed("a\tb")).isFalse();
        assertThat(HeaderCharacters.valueAllowed("a\r\nX-Injected: 1")).isFalse();
    }

    private static void assertSameAnswers(Predicate<String> ours, Predicate<String> springs) {
        List<String> different = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            if (ours.test(alone) != springs.test(alone)) {
                different.add(String.format("U+%04X", codePoint));
            }
        }
        for (String text : new String[]{null, "", "Bearer eyJhbGciOi.x-y_z", "text/html; q=0.9", "caf\u00e9", "\ud83d\ude00 ok",
                "\ud800 unpaired", "ok\ud83d", "a\u0000b", "a\u007fb", "a\u0085b", "\u0378 unassigned", "x\ud83d\ude00\u0001"}) {
            if (ours.test(text) != springs.test(text)) {
                different.add(String.valueOf(text));
            }
        }
        assertThat(different).as("inputs judged otherwise than by Spring Security").isEmpty();
    }
}
