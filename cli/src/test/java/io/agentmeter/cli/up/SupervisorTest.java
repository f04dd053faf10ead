package io.agentmeter.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The restart loop with stand-in processes: runs that end when the test says so. */
class SupervisorTest {

    private static final Duration FIRST = Duration.ofMillis(20);

    private final List<String> console = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor(console::add,
            () -> new RestartBackoff(FIRST, Duration.ofMillis(80), Duration.ofSeconds(60)));
    private final AtomicLong pids = new AtomicLong(100);
    private final LinkedBlockingQueue<FakeRun> started = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        supervisor.close();
    }

    @Test
    void shouldRestartAPartThatDiedAndShowTheStatusAndTheCount() throws Exception {
        FakeRun first = new FakeRun(pids.incrementAndGet());
        FakeRun other = new FakeRun(pids.incrementAndGet());
        supervisor.supervise("aggregator", first, this::start);
        supervisor.supervise("gateway", other, this::start);

        first.end(137);
        FakeRun second = started.poll(5, TimeUnit.SECONDS);

        assertThat(second).as("restarted").isNotNull();
        awaitPid("aggregator", second.pid());
        assertThat(supervisor.restarts("aggregator")).isEqualTo(1);
        assertThat(supervisor.restarts("gateway")).as("the others are left alone").isZero();
        assertThat(supervisor.pid("gateway")).hasValue(other.pid());
        assertThat(console).anySatisfy(line -> assertThat(line)
                .contains("aggregator (pid " + first.pid() + ") exited with status 137").contains("restart 1 in"));
        assertThat(console).anySatisfy(line -> assertThat(line)
                .contains("aggregator restarted (pid " + second.pid() + "; restart 1)"));

        second.end(1);
        FakeRun third = started.poll(5, TimeUnit.SECONDS);
        assertThat(third).isNotNull();
        awaitPid("aggregator", third.pid());
        assertThat(supervisor.restarts("aggregator")).isEqualTo(2);
    }

    @Test
    void shouldTryAgainWithALongerWaitWhenARestartFails() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        FakeRun first = new FakeRun(pids.incrementAndGet());
        supervisor.supervise("postgres", first, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("port still in use");
            }
            return start();
        });

        first.end(OptionalInt.empty());
        FakeRun back = started.poll(5, TimeUnit.SECONDS);

        assertThat(back).isNotNull();
        assertThat(attempts).hasValue(3);
        awaitPid("postgres", back.pid());
        assertThat(supervisor.restarts("postgres")).isEqualTo(3);
        assertThat(console).anySatisfy(line -> assertThat(line).contains("exited with an unknown status"));
        assertThat(console).anySatisfy(line -> assertThat(line)
                .contains("postgres could not be restarted (restart 1): port still in use; restart 2 in"));
    }

    @Test
    void shouldNotRestartWhatEndsAfterClose() throws Exception {
        FakeRun first = new FakeRun(pids.incrementAndGet());
        supervisor.supervise("query-api", first, this::start);

        supervisor.close();
        first.end(143);

        assertThat(started.poll(FIRST.toMillis() * 10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(supervisor.restarts("query-api")).isZero();
        assertThat(console).isEmpty();
    }

    private FakeRun start() {
        FakeRun run = new FakeRun(pids.incrementAndGet());
        started.add(run);
        return run;
    }

    private void awaitPid(String name, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (supervisor.pid(name).orElse(-1) != pid && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(supervisor.pid(name)).hasValue(pid);
    }

    private record FakeRun(long pid, CompletableFuture<OptionalInt> exit) implements Supervisor.Run {

        FakeRun(long pid) {
            this(pid, new CompletableFuture<>());
        }

        void end(int status) {
            end(OptionalInt.of(status));
        }

        void end(OptionalInt status) {
            exit.complete(status);
        }

        @Override
        public CompletionStage<OptionalInt> ended() {
            return exit;
        }
    }
}
