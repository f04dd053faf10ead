package io.agentmeter.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.cli.args.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --bind: this machine only unless told otherwise, and the host the printed URLs use. */
class UpOptionsTest {

    @Test
    void shouldListenOnTheLoopbackAddressByDefault() throws Exception {
        UpOptions options = parse();

        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThat(options.urlHost()).isEqualTo("localhost");
    }

    @Test
    void shouldListenWhereBindSays() throws Exception {
        assertThat(parse("--bind", "0.0.0.0").bind()).isEqualTo("0.0.0.0");
        assertThat(parse("--bind", "0.0.0.0").urlHost()).isEqualTo("localhost");
        assertThat(parse("--bind", "192.168.1.20").urlHost()).isEqualTo("192.168.1.20");
        assertThat(parse("--bind", "fd00::5").urlHost()).isEqualTo("[fd00::5]");
    }

    @Test
    void shouldRefuseABindThatIsNoAddress() {
        assertThatThrownBy(() -> parse("--bind", "0.0.0.0 -Dx=y")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--bind takes an IP address or host name");
    }

    private static UpOptions parse(String... argv) throws UsageException {
        String[] all = new String[argv.length + 2];
        all[0] = "--root";
        all[1] = "/tmp/agentmeter-checkout";
        System.arraycopy(argv, 0, all, 2, argv.length);
        return UpOptions.parse(all, Map.of());
    }
}
