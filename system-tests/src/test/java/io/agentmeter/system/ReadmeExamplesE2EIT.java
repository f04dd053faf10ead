package io.agentmeter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.cli.up.Banner;
import io.agentmeter.cli.up.Progress;
import io.agentmeter.cli.up.RunningSystem;
import io.agentmeter.cli.up.SystemRunner;
import io.agentmeter.cli.up.UpOptions;
import io.agentmeter.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example, pasted as a reader would: the system started as {@code bin/agentmeter up} starts it, then
 * the README's first command block that sends a turn (read from README.md, so the test follows the README) run
 * with bash in a directory that stands for the checkout ({@code .agentmeter/data} is the data dir, so its
 * {@code source .agentmeter/data/demo.env} works as written), command by command in the README's order; then the
 * commands {@code up} prints. The answers must be the ones the README's comments document, and sending the turn again
 * must change nothing. The progress lines docs/running.md shows must be the ones {@code up} prints (times, ports and
 * paths aside).
 *
 * <p>The README's URLs name the default ports; the system here runs on free ones, so {@code localhost:8080} and
 * {@code localhost:8081} are replaced with the gateway's and the query API's. Nothing else is changed.
 */
class ReadmeExamplesE2EIT {

    private static final Path ROOT = Path.of(System.getProperty(UpOptions.ROOT_PROPERTY, "..")).toAbsolutePath()
            .normalize();
    private static final Duration PIPELINE_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path checkout;

    @Test
    void shouldGiveTheDocumentedAnswersWhenTheReadmeExamplesArePastedInOrder() throws Exception {
        Examples readme = Examples.of(readmeBlock());
        UpOptions options = E2eSystem.options("readme").withDataDir(checkout.resolve(".agentmeter/data"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (SystemRunner runner = new SystemRunner(options, new Progress(tee(System.out, printed)))) {
            RunningSystem system = runner.start();
            assertThat(progressLines(printed.toString(StandardCharsets.UTF_8)))
                    .as("docs/running.md shows the progress lines up prints")
                    .isEqualTo(progressLines(runningMdOutput()));

            // The README, in its order: source the keys file, send, and a few seconds later the summary.
            Map<String, String> ports = Map.of("http://localhost:8080", system.gateway().toString(),
                    "http://localhost:8081", system.queryApi().toString());
            assertThat(readme.setup()).as("the README sources the keys file before it sends")
                    .containsExactly("source .agentmeter/data/demo.env");
            JsonNode sent = json(bash(readme.setupAnd(readme.send(), ports)));
            assertThat(sent).as("the send's answer").isEqualTo(readme.documentedSendAnswer());

            JsonNode summary = awaitSummary(() -> bash(readme.setupAnd(readme.summary(), ports)),
                    s -> s.path("current").path("figures").path("turns").asLong() >= 1);
            Map<String, BigDecimal> documented = readme.documentedFigures();
            assertThat(documented).as("the README's figures, as read here").containsKeys("turns", "cost_usd");
            assertFigures(summary, documented);

            // Sending again, as the README's command and as the one up prints, changes nothing.
            double duplicates = duplicatesCounted(system);
            assertThat(json(bash(readme.setupAnd(readme.send(), ports)))).isEqualTo(readme.documentedSendAnswer());
            Examples banner = Examples.of(bannerCommands(system));
            assertThat(json(bash(banner.send()))).as("the printed send's answer")
                    .isEqualTo(readme.documentedSendAnswer());
            awaitDuplicates(system, duplicates + 2);
            assertFigures(json(bash(readme.setupAnd(readme.summary(), ports))), documented);
            assertFigures(json(bash(banner.summary())), documented);
        }
    }

    // ---- what the documents say ---------------------------------------------------------------------------------

    /** The README's first bash block that sends a turn. */
    private static List<String> readmeBlock() throws IOException {
        for (List<String> block : fencedBlocks(Files.readString(ROOT.resolve("README.md")), "```bash")) {
            if (block.stream().anyMatch(line -> line.contains("/v1/turns"))) {
                return block;
            }
        }
        throw new AssertionError("README.md has no bash block that sends a turn");
    }

    /** The block under "What it prints" in docs/running.md. */
    private static String runningMdOutput() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/running.md"));
        String section = doc.substring(doc.indexOf("## What it prints"));
        return String.join("\n", fencedBlocks(section, "```").get(0));
    }

    /** The lines of each block fenced by {@code opening} ... {@code ```}. */
    private static List<List<String>> fencedBlocks(String text, String opening) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : text.split("\n", -1)) {
            if (block == null && line.strip().equals(opening)) {
                block = new ArrayList<>();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return blocks;
    }

    /** The commands under "Try it:" of what {@code up} prints, with this system's real URLs and keys. */
    private static List<String> bannerCommands(RunningSystem system) {
        String text = Banner.render(system, 0, Instant.now());
        List<String> lines = new ArrayList<>();
        boolean inTry = false;
        for (String line : text.split("\\R")) {
            if (line.startsWith("Try it:")) {
                inTry = true;
            } else if (inTry) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /**
     * Each line of progress ({@code "  kafka        ✓   1.9 s   127.0.0.1:9092"}) with what differs between runs
     * made the same: the mark (✓ or ok) and time, ports, the keys file's path, runs of spaces.
     */
    private static List<String> progressLines(String output) {
        List<String> lines = new ArrayList<>();
        Pattern progress = Pattern.compile("^ {2}\\S.*?(✓|ok) +\\d+\\.\\d s .*");
        for (String line : output.split("\\R")) {
            if (progress.matcher(line).matches()) {
                lines.add(line.replaceAll("(✓|ok) +\\d+\\.\\d s", "✓ N s")
                        .replaceAll("(localhost|127\\.0\\.0\\.1):\\d+", "$1:PORT")
                        .replaceAll("kept in \\S+", "kept in FILE")
                        .replaceAll("\\s+", " ").strip());
            }
        }
        return lines;
    }

    /**
     * A block of example commands: comment lines ({@code #}) document what follows, a line ending in {@code \} goes
     * on on the next. The send is the command with {@code /v1/turns}, the summary the one with {@code /v1/summary};
     * the commands before the send are its set-up.
     */
    private record Examples(List<String> setup, String send, String summary, String sendComment,
                            String summaryComment) {

        static Examples of(List<String> lines) {
            List<String> commands = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            StringBuilder comment = new StringBuilder();
            StringBuilder command = new StringBuilder();
            for (String line : lines) {
                String stripped = line.strip();
                if (command.isEmpty() && stripped.startsWith("#")) {
                    comment.append(stripped.substring(1).strip()).append(' ');
                } else if (!stripped.isEmpty()) {
                    boolean goesOn = stripped.endsWith("\\");
                    command.append(goesOn ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
                    if (!goesOn) {
                        commands.add(command.toString().strip());
                        comments.add(comment.toString().strip());
                        command.setLength(0);
                        comment.setLength(0);
                    }
                }
            }
            int send = indexOf(commands, "/v1/turns");
            int summary = indexOf(commands, "/v1/summary");
            return new Examples(List.copyOf(commands.subList(0, send)), commands.get(send), commands.get(summary),
                    comments.get(send), comments.get(summary));
        }

        private static int indexOf(List<String> commands, String marker) {
            for (int i = 0; i < commands.size(); i++) {
                if (commands.get(i).contains(marker)) {
                    return i;
                }
            }
            throw new AssertionError("no command with " + marker + " in " + commands);
        }

        /** The set-up, then {@code command}, as one script, with the README's default URLs replaced by {@code urls}. */
        String setupAnd(String command, Map<String, String> urls) {
            String script = String.join("\n", setup) + "\n" + command;
            for (Map.Entry<String, String> url : urls.entrySet()) {
                script = script.replace(url.getKey(), url.getValue());
            }
            return script;
        }

        /** The JSON the comment before the send documents as its answer. */
        JsonNode documentedSendAnswer() throws IOException {
            return Json.mapper().readTree(sendComment.substring(sendComment.indexOf('{')));
        }

        /** "current.figures has turns 1, input_tokens 1200, ..." in the comment before the summary. */
        Map<String, BigDecimal> documentedFigures() {
            String text = summaryComment.substring(summaryComment.indexOf("current.figures has")
                    + "current.figures has".length());
            text = text.split("[;(]")[0];
            Map<String, BigDecimal> figures = new LinkedHashMap<>();
            Matcher m = Pattern.compile("(\\w+) (\\d+(?:\\.\\d+)?)").matcher(text);
            while (m.find()) {
                figures.put(m.group(1), new BigDecimal(m.group(2)));
            }
            return figures;
        }
    }

    // ---- running them --------------------------------------------------------------------------------------------

    /** Runs {@code script} with bash in the checkout; its standard output, failing on a non-zero status. */
    private String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "set -eu\n" + script).directory(checkout.toFile())
                .redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("bash exit status of:\n" + script + "\nstderr: " + err).isZero();
        return out;
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private interface Call {
        String run() throws Exception;
    }

    private static JsonNode awaitSummary(Call summary, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(PIPELINE_DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            String out = summary.run();
            if (out.startsWith("{")) {
                last = json(out);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the summary did not show the turn within " + PIPELINE_DEADLINE + ": " + last);
    }

    private static void assertFigures(JsonNode summary, Map<String, BigDecimal> documented) {
        JsonNode figures = summary.path("current").path("figures");
        for (Map.Entry<String, BigDecimal> figure : documented.entrySet()) {
            assertThat(figures.path(figure.getKey()).decimalValue()).as("current.figures." + figure.getKey())
                    .isEqualByComparingTo(figure.getValue());
        }
    }

    /** The aggregator's count of copies it dropped ({@code agentmeter_turns_duplicate_total}). */
    private static double duplicatesCounted(RunningSystem system) throws Exception {
        HttpResponse<String> metrics = E2eSystem.http().send(HttpRequest.newBuilder(
                        URI.create(system.aggregator() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        double total = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("agentmeter_turns_duplicate_total")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Waits until the aggregator has seen (and dropped) the copies, so the summary after it is the final word. */
    private static void awaitDuplicates(RunningSystem system, double atLeast) throws Exception {
        Instant deadline = Instant.now().plus(PIPELINE_DEADLINE);
        while (duplicatesCounted(system) < atLeast) {
            assertThat(Instant.now()).as("copies counted by the aggregator").isBefore(deadline);
            Thread.sleep(500);
        }
    }

    private static PrintStream tee(OutputStream one, OutputStream two) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                one.write(b);
                two.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                one.write(b, off, len);
                two.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                one.flush();
                two.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
