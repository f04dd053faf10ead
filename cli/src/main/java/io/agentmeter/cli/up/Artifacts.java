package io.agentmeter.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The services' build output under the checkout: the two Quarkus services' runnable jars, and the class directory
 * and runtime classpath file of the two plain Java services (aggregator, writer); the command that runs each. Also
 * what the whole-system tests launch the services with.
 */
public record Artifacts(Path javaCommand, Path gatewayJar, Path queryJar, Path root) {

    static final String AGGREGATOR_MODULE = "stream-aggregator";
    static final String WRITER_MODULE = "postgres-writer";

    /** The build output under {@code root}; a {@link StartupException} naming what is missing when not built. */
    public static Artifacts locate(Path root) {
        Path gateway = root.resolve("ingest-gateway/target/quarkus-app/quarkus-run.jar");
        Path query = root.resolve("query-api/target/quarkus-app/quarkus-run.jar");
        List<Path> needed = new ArrayList<>(List.of(gateway, query));
        for (String module : List.of(AGGREGATOR_MODULE, WRITER_MODULE)) {
            needed.add(classes(root, module));
            needed.add(classpathFile(root, module));
        }
        List<String> missing = new ArrayList<>();
        for (Path path : needed) {
            if (!Files.exists(path)) {
                missing.add(root.relativize(path).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupException("the services are not built (missing " + String.join(", ", missing)
                    + "): run ./mvnw -B -DskipTests install in " + root + " (bin/agentmeter up does it for you)");
        }
        return new Artifacts(findJava(), gateway, query, root);
    }

    private static Path classes(Path root, String module) {
        return root.resolve(module + "/target/classes");
    }

    private static Path classpathFile(Path root, String module) {
        return root.resolve(module + "/target/classpath.txt");
    }

    public List<String> quarkusCommand(Path jar, String javaOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        command.addAll(split(javaOptions));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public List<String> aggregatorCommand(String javaOptions) {
        return plainJavaCommand(AGGREGATOR_MODULE, "io.agentmeter.aggregator.AggregatorMain", javaOptions);
    }

    public List<String> writerCommand(String javaOptions) {
        return plainJavaCommand(WRITER_MODULE, "io.agentmeter.writer.WriterMain", javaOptions);
    }

    private List<String> plainJavaCommand(String module, String mainClass, String javaOptions) {
        Path classpathFile = classpathFile(root, module);
        String classpath;
        try {
            classpath = classes(root, module) + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
        } catch (IOException e) {
            throw new StartupException("cannot read " + classpathFile + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        command.addAll(split(javaOptions));
        // slf4j-simple: times on every line, Kafka's own INFO chatter left out of the log.
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }

    /** This JVM's own java: {@code java.home}, else the command that runs this process. */
    private static Path findJava() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of("java"));
    }

    private static List<String> split(String options) {
        return options == null || options.isBlank() ? List.of()
                : Arrays.asList(options.strip().split("\\s+"));
    }
}
