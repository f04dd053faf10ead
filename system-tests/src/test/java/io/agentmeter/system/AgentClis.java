package io.agentmeter.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents' real CLIs from npm, at the versions {@code src/test/agent-clis/package-lock.json} pins, installed with
 * {@code npm ci} under {@code target/agent-clis} ({@link NpmPackage}), and a way to run one as its user would: its own
 * {@code HOME}, its own working directory, no terminal.
 *
 * <p>A CLI that cannot be installed (no npm, no registry) fails the test that needs it, loudly: it is never skipped.
 */
final class AgentClis {

    private static final List<String> CLIS = List.of("claude", "codex", "gemini");

    private final NpmPackage clis;

    private AgentClis(NpmPackage clis) {
        this.clis = clis;
    }

    /** Installs the pinned CLIs unless the same lock file is installed already. */
    static AgentClis install() throws IOException, InterruptedException {
        return new AgentClis(NpmPackage.install("agent-clis", CLIS.stream().map(cli -> ".bin/" + cli).toList()));
    }

    /**
     * Runs {@code cli} with {@code args} in {@code workDir}, {@code HOME} set to {@code home}, stdin closed, the
     * given environment on top of this JVM's minus anything that would point the CLI elsewhere.
     */
    NpmPackage.Run run(String cli, List<String> args, Path home, Path workDir, Map<String, String> environment,
            Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(clis.bin(cli).toString());
        command.addAll(args);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        env.putAll(environment);
        return clis.run(command, workDir, env, timeout);
    }
}
