package io.agentmeter.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node package of the tests, {@code src/test/<name>} (its {@code package.json} and {@code package-lock.json}, and
 * any scripts beside them), installed at the versions its lock pins with {@code npm ci} under {@code target/<name>},
 * and a way to run a program of it with nothing of this JVM's environment that would point it elsewhere.
 *
 * <p>A package that cannot be installed (no npm, no registry) fails the test that needs it, loudly: it is never
 * skipped.
 */
final class NpmPackage {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String BIN = "node_modules/.bin";
    private static final String INSTALLED_LOCK = "node_modules/.agentmeter-installed-lock.json";
    /** The variables of this JVM's environment a program must not see: they would point it elsewhere. */
    private static final List<String> FOREIGN_PREFIXES = List.of("OTEL_", "ANTHROPIC_", "OPENAI_", "GEMINI_",
            "GOOGLE_", "CLAUDE_", "CODEX_");

    private final Path dir;

    private NpmPackage(Path dir) {
        this.dir = dir;
    }

    /** One run of a program: its exit status and everything it printed. */
    record Run(int exitStatus, String output) {
    }

    /**
     * Copies {@code src/test/<name>} to {@code target/<name>} and installs it, unless the same lock file is installed
     * there already with every one of {@code expected} (paths under {@code node_modules}) present.
     */
    static NpmPackage install(String name, List<String> expected) throws IOException, InterruptedException {
        Path source = Path.of("src/test", name);
        Path dir = Path.of("target", name).toAbsolutePath();
        Files.createDirectories(dir);
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        byte[] lock = Files.readAllBytes(source.resolve("package-lock.json"));
        Path installedLock = dir.resolve(INSTALLED_LOCK);
        boolean current = Files.exists(installedLock) && Arrays.equals(Files.readAllBytes(installedLock), lock)
                && expected.stream().allMatch(path -> Files.exists(dir.resolve("node_modules").resolve(path)));
        if (!current) {
            Path log = dir.resolve("npm-ci.log");
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("src/test/" + name + " is needed and npm cannot run (" + e.getMessage()
                        + "): install Node.js 20 and npm", e);
            }
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci of src/test/" + name + " took over " + INSTALL_TIMEOUT + "; see "
                        + log);
            }
            if (npm.exitValue() != 0) {
                throw new AssertionError("npm ci of src/test/" + name + " failed (exit " + npm.exitValue() + "):\n"
                        + Files.readString(log));
            }
            Files.write(installedLock, lock);
        }
        return new NpmPackage(dir);
    }

    /** Where the package is installed (its scripts are there too). */
    Path dir() {
        return dir;
    }

    /** An executable of the package's dependencies, from {@code node_modules/.bin}. */
    Path bin(String name) {
        return dir.resolve(BIN).resolve(name);
    }

    /**
     * Runs {@code command} in {@code workDir}, stdin closed, {@code node_modules/.bin} first on the {@code PATH}, with
     * {@code environment} on top of this JVM's environment minus anything that would point the program elsewhere.
     */
    Run run(List<String> command, Path workDir, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        String program = Path.of(command.get(0)).getFileName().toString();
        Path output = Files.createTempFile(dir, program, ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> FOREIGN_PREFIXES.stream().anyMatch(variable::startsWith));
        env.put("PATH", dir.resolve(BIN) + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }
}
