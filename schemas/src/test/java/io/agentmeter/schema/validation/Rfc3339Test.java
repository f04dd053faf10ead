package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2025-01-31T12:00:00Z,             2025-01-31T12:00:00Z",
            "2025-01-31t12:00:00z,             2025-01-31T12:00:00Z",
            "2025-01-31 12:00:00Z,             2025-01-31T12:00:00Z",
            "2025-01-31T13:00:00+01:00,        2025-01-31T12:00:00Z",
            "2025-01-31T00:30:00-05:30,        2025-01-31T06:00:00Z",
            "2025-01-31T12:00:00-00:00,        2025-01-31T12:00:00Z",
            "2025-01-31T23:59:00+23:59,        2025-01-31T00:00:00Z",
            "2025-01-31T12:00:00.5Z,           2025-01-31T12:00:00.500Z",
            "2025-01-31T12:00:00.123456789Z,   2025-01-31T12:00:00.123456789Z",
            "2025-01-31T12:00:00.1234567891Z,  2025-01-31T12:00:00.123456789Z",
            "2016-12-31T23:59:60Z,             2016-12-31T23:59:59.999999999Z"
    })
    void shouldReadTheInstantOfAnRfc3339DateTime(String text, Instant expected) {
        assertThat(Rfc3339.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2025-01-31", "12:00:00Z", "2025-01-31T12:00Z", "20250131T120000Z", "2025-W05-5T12:00:00Z",
            "2025-01-31T12:00:00+0100", "2025-01-31T12:00:00 UTC", "yesterday", "", "2025-01-31T12:00:00.Z",
            "2025-1-31T12:00:00Z", "２０２５-01-31T12:00:00Z"})
    void shouldRejectWhatIsNotRfc3339(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class)
                .hasMessageContaining("RFC 3339");
    }

    @Test
    void shouldSayWhenTheOffsetIsMissing() {
        assertThatThrownBy(() -> Rfc3339.parse("2025-01-31T12:00:00.250")).hasMessageStartingWith("has no UTC offset");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2025-02-29T12:00:00Z", "2025-13-01T12:00:00Z", "2025-04-31T12:00:00Z"})
    void shouldRejectADateThatDoesNotExist(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).hasMessageStartingWith("has an invalid date");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2025-01-31T24:00:00Z", "2025-01-31T12:60:00Z", "2025-01-31T12:30:60Z"})
    void shouldRejectATimeOfDayThatDoesNotExist(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text)).hasMessage("has an invalid time of day");
    }

    @Test
    void shouldRejectAnOffsetBeyondTwentyFourHours() {
        assertThatThrownBy(() -> Rfc3339.parse("2025-01-31T12:00:00+24:00")).hasMessage("has an invalid UTC offset");
    }
}
