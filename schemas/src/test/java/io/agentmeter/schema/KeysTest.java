package io.agentmeter.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void shouldPrefixTheSessionWithItsTenant() {
        assertThat(Keys.session("acme", "s-1")).isEqualTo("acme:s-1");
    }

    @Test
    void shouldSplitOffTheTenantEvenWhenTheSessionHoldsTheSeparator() {
        String key = Keys.session("acme", "host:1234:session");

        assertThat(Keys.tenantOf(key)).isEqualTo("acme");
    }

    @Test
    void shouldRefuseATenantThatCouldMakeKeysAmbiguous() {
        assertThatThrownBy(() -> Keys.user("ac:me", "u"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant_id");
    }

    @Test
    void shouldRefuseAKeyWithoutTenant() {
        assertThatThrownBy(() -> Keys.tenantOf("no-separator")).isInstanceOf(IllegalArgumentException.class);
    }
}
