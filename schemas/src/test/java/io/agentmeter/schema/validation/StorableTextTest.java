package io.agentmeter.schema.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.schema.Json;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void shouldAcceptPlainTextAndPairedSurrogates() {
        assertThat(StorableText.problem("gpt-4o")).isNull();
        assertThat(StorableText.problem("emoji \ud83d\ude00 at the end \ud83d\ude00")).isNull();
        assertThat(StorableText.problem("")).isNull();
        assertThat(StorableText.problem(null)).isNull();
    }

    @Test
    void shouldRefuseANulCharacter() {
        assertThat(StorableText.problem("a\u0000b")).contains("NUL");
    }

    @Test
    void shouldRefuseALoneHighSurrogateAnywhere() {
        assertThat(StorableText.problem("\ud800")).contains("unpaired surrogate (\\ud800)");
        assertThat(StorableText.problem("x\ud800y")).contains("unpaired surrogate");
        assertThat(StorableText.problem("\ud800\ud800\udc00")).contains("unpaired surrogate (\\ud800)");
    }

    @Test
    void shouldRefuseALoneLowSurrogate() {
        assertThat(StorableText.problem("x\udc00")).contains("unpaired surrogate (\\udc00)");
    }

    @Test
    void shouldHoldARecordingConfigToTheParamsRule() throws Exception {
        JsonNode config = Json.mapper().readTree("{\"a\":{\"b\":\"x\\u0000\"},\"k\\ud800\":1,\"n\":1e400,\"ok\":[1]}");

        var problems = TurnValidator.configSnapshot("config", config);
        assertThat(problems).extracting(Violation::path).hasSize(3).startsWith("$.config.a.b").endsWith("$.config.n");
        assertThat(problems.get(1).path()).startsWith("$.config['k");
        assertThat(problems.get(1).reason()).startsWith("key contains an unpaired surrogate");
        assertThat(TurnValidator.configSnapshot("config", Json.mapper().readTree("[1]")))
                .extracting(Violation::reason).first().asString().contains("must be an object");
        assertThat(TurnValidator.configSnapshot("config", null)).isEmpty();
        assertThat(TurnValidator.configSnapshot("config", Json.mapper().readTree("{\"t\":0.7}"))).isEmpty();
    }
}
