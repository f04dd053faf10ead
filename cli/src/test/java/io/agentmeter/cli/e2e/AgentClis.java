package io.agentmeter.cli.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agents' real CLIs from npm, at the versions {@code src/test/agent-clis/package-lock.json} pins, installed with
 * {@code npm ci} under {@code target/agent-clis}, and a way to run one as its user would: its own {@code HOME}, its
 * own working directory, no terminal.
 *
 * <p>A CLI that cannot be installed (no npm, no registry) fails the test that needs it, loudly: it is never skipped.
 */
final class AgentClis {

    private static final Path SOURCE = Path.of("src/test/agent-clis");
    private static final Path INSTALL = Path.of("target/agent-clis");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    /** The variables of this JVM's environment a CLI must not see: they would point it elsewhere. */
    private static final List<String> FOREIGN_PREFIXES = List.of("OTEL_", "ANTHROPIC_", "OPENAI_", "GEMINI_",
            "GOOGLE_", "CLAUDE_", "CODEX_");

    private final Path bin;

    private AgentClis(Path bin) {
        this.bin = bin;
    }

    /** One run of a CLI: its exit status and everything it printed. */
    record Run(int exitStatus, String output) {
    }

    /** Installs the pinned CLIs unless the same lock file is installed already. */
    static AgentClis install() throws IOException, InterruptedException {
        Files.createDirectories(INSTALL);
        byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
        Path installedLock = INSTALL.resolve("node_modules/.agentmeter-installed-lock.json");
        Path bin = INSTALL.resolve("node_modules/.bin").toAbsolutePath();
        boolean current = Files.exists(installedLock) && java.util.Arrays.equals(Files.readAllBytes(installedLock), lock)
                && List.of("claude", "codex", "gemini").stream().allMatch(cli -> Files.isExecutable(bin.resolve(cli)));
        if (!current) {
            Files.copy(SOURCE.resolve("package.json"), INSTALL.resolve("package.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.write(INSTALL.resolve("package-lock.json"), lock);
            Path log = INSTALL.resolve("npm-ci.log");
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INSTALL.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("the agents' CLIs are needed and npm cannot run (" + e.getMessage()
                        + "): install Node.js 20 and npm", e);
            }
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci of the agents' CLIs took over " + INSTALL_TIMEOUT + "; see " + log);
            }
            if (npm.exitValue() != 0) {
                throw new AssertionError("npm ci of the agents' CLIs failed (exit " + npm.exitValue() + "):\n"
                        + Files.readString(log));
            }
            Files.write(installedLock, lock);
        }
        return new AgentClis(bin);
    }

    /**
     * Runs {@code cli} with {@code args} in {@code workDir}, {@code HOME} set to {@code home}, stdin closed, the
     * given environment on top of this JVM's minus anything that would point the CLI elsewhere.
     */
    Run run(String cli, List<String> args, Path home, Path workDir, Map<String, String> environment,
            Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(cli).toString());
        command.addAll(args);
        Files.createDirectories(workDir);
        Path output = Files.createTempFile(home, cli, ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> FOREIGN_PREFIXES.stream().anyMatch(name::startsWith));
        env.put("HOME", home.toString());
        env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("NO_COLOR", "1");
        env.put("CI", "1");
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(cli + " " + args + " did not finish within " + timeout + ":\n"
                    + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }
}
