package io.agentmeter.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteOnlyWhatNeedsItAndWriteDecimalsInFull() throws Exception {
        StringWriter out = new StringWriter();
        Csv.writeRow(out, Arrays.asList("plain", "a,b", "say \"hi\"", null, new BigDecimal("1E-7"), 42L));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",,0.0000001,42\r\n");
    }
}
