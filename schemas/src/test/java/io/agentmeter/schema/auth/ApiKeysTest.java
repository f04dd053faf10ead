package io.agentmeter.schema.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void shouldHashKeysAsSha256Hex() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldMakeLongRandomKeysThatNameTheirKind() {
        assertThat(ApiKeys.newKey("ingest")).startsWith("am_ingest_").hasSize(10 + 43);
        assertThat(ApiKeys.newKey("ingest")).isNotEqualTo(ApiKeys.newKey("ingest"));
    }
}
