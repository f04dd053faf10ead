package io.agentmeter.aggregator.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

    @Test
    void shouldFindAValueByEqualBytes() {
        RecentValues<String> values = new RecentValues<>(1024);
        values.remember(new byte[] {1, 2, 3}, "a");

        assertThat(values.find(new byte[] {1, 2, 3})).isEqualTo("a");
        assertThat(values.find(new byte[] {1, 2, 4})).isNull();
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedBeyondItsBytes() {
        RecentValues<String> values = new RecentValues<>(20);
        values.remember(new byte[8], "zeros");
        values.remember(new byte[] {1, 1, 1, 1, 1, 1, 1, 1}, "ones");
        values.find(new byte[8]);
        values.remember(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}, "twos");

        assertThat(values.size()).isEqualTo(2);
        assertThat(values.find(new byte[8])).isEqualTo("zeros");
        assertThat(values.find(new byte[] {1, 1, 1, 1, 1, 1, 1, 1})).isNull();
        assertThat(values.find(new byte[] {2, 2, 2, 2, 2, 2, 2, 2})).isEqualTo("twos");
    }
}
