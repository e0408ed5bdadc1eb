package dev.fedbff.gateway.connect;

import dev.fedbff.gateway.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    final MutableClock clock = new MutableClock();

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "2                              | PT2S",
            "' 0 '                          | PT0S",
            "'Tue, 01 Jan 2030 00:00:30 GMT' | PT30S",
            "'Mon, 31 Dec 2029 23:59:00 GMT' | PT0S",
            "-1                             | null",
            "soon                           | null",
            "''                             | null"})
    void readsSecondsOrAnHttpDate(String header, String expected) {
        assertThat(RetryAfter.parse(header, clock)).isEqualTo(expected == null ? null : Duration.parse(expected));
    }
}
