package io.agentmeter.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.localstack.FreePorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code up} refuses, before anything starts, a port something else listens on, and says how to move. */
class PortAllocationTest {

    @Test
    void shouldNameATakenPortItsPartAndTheOptionThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            UpOptions options = options("--ports", "writer=" + port + ",query=0,gateway=0,aggregator=0,kafka=0,"
                    + "postgres=0,otlp-grpc=0");

            assertThatThrownBy(() -> PortAllocation.checkFree(options)).isInstanceOf(StartupException.class)
                    .hasMessageContaining("port(s) in use: writer " + port)
                    .hasMessageContaining("--ports writer=0");
        }
    }

    @Test
    void shouldRefuseOnePortGivenToTwoParts() throws Exception {
        int port = FreePorts.pick();
        UpOptions options = options("--ports", "gateway=" + port + ",query=" + port + ",aggregator=0,writer=0,"
                + "kafka=0,postgres=0,otlp-grpc=0");

        assertThatThrownBy(() -> PortAllocation.checkFree(options)).isInstanceOf(StartupException.class)
                .hasMessageContaining("query " + port + " (given twice)");
    }

    @Test
    void shouldTakeFixedPortsThatAreFreeAndTurnZeroIntoAFreeOne() throws Exception {
        UpOptions options = options("--ports", "gateway=" + FreePorts.pick() + ",query=" + FreePorts.pick()
                + ",aggregator=0,writer=0,kafka=0,postgres=0,otlp-grpc=0");
        assertThatNoException().isThrownBy(() -> PortAllocation.checkFree(options));
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            assertThat(FreePorts.isFree(taken.getLocalPort())).as("a port something listens on").isFalse();
            int picked = FreePorts.orPick(0);
            assertThat(picked).isPositive().isNotEqualTo(taken.getLocalPort());
            assertThat(FreePorts.isFree(picked)).isTrue();
        }
        assertThat(FreePorts.orPick(8123)).as("a fixed port is taken as given").isEqualTo(8123);
    }

    private static UpOptions options(String... argv) throws Exception {
        String[] all = new String[argv.length + 2];
        all[0] = "--root";
        all[1] = "/tmp/agentmeter-checkout";
        System.arraycopy(argv, 0, all, 2, argv.length);
        return UpOptions.parse(all, Map.of());
    }
}
