package io.agentmeter.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model provider on loopback that answers the three wire APIs the agents' CLIs speak, every answer with the same
 * fixed usage, so a test knows to the token what each served request must become:
 * <ul>
 *   <li>the Anthropic Messages API ({@code POST /v1/messages}, streamed or not; Claude Code);</li>
 *   <li>the OpenAI Responses API ({@code POST /v1/responses}, streamed; Codex) and Chat Completions
 *       ({@code POST /v1/chat/completions}, not streamed; OpenAI client libraries);</li>
 *   <li>the Gemini API ({@code POST /v1beta/models/<model>:generateContent} and {@code :streamGenerateContent};
 *       Gemini CLI).</li>
 * </ul>
 * Anything else (the CLIs' analytics, token counting, model lists) gets a 404 and is listed in {@link #unserved()}.
 *
 * <p>Two marks in a prompt make the CLIs do more than answer, so that they log their tool and error events:
 * <ul>
 *   <li>{@link #READ_FILE} followed by a file's absolute path: a request that offers tools and holds no tool result
 *       yet is answered with a call of the CLI's own file-reading tool (Anthropic {@code tool_use} of {@code Read},
 *       OpenAI Responses {@code function_call} of Codex's shell tool running {@code cat}, Gemini {@code functionCall}
 *       of {@code read_file}); the request carrying its result gets the text answer;</li>
 *   <li>{@link #FAIL_ONCE}: the first request of each API that offers tools fails with the provider's own error
 *       ({@value #FAILURE_STATUS} and its error JSON); the CLI's retry is served. A failed request is no served call;</li>
 *   <li>{@link #FAIL_ALWAYS}: every request that offers tools fails so (Claude Code logs its {@code api_error} only
 *       for a request it gives up on).</li>
 * </ul>
 * Only the JDK is used, so the class also runs alone ({@code java FakeModelProvider.java 18090}) to try a CLI by hand.
 */
public final class FakeModelProvider implements AutoCloseable {

    /** Anthropic's usage on every answer: input, output, cache read, cache creation. */
    public static final Usage ANTHROPIC = new Usage(1234, 56, 700, 300, 0);
    /** OpenAI's usage: input (of which cached), output (of which reasoning). */
    public static final Usage OPENAI = new Usage(2000, 80, 500, 0, 30);
    /** Gemini's usage: prompt (of which cached), candidates, thoughts. */
    public static final Usage GEMINI = new Usage(3000, 90, 1000, 0, 40);

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final Pattern JSON_ANSWER = Pattern.compile("\"responseMimeType\"\\s*:\\s*\"application/json\"");
    private static final String ROUTER_JSON = "{\"complexity_reasoning\":\"Simple.\",\"complexity_score\":10,"
            + "\"reasoning\":\"Simple.\",\"model_choice\":\"flash\",\"next_speaker\":\"user\"}";
    private static final Pattern GEMINI_PATH = Pattern.compile("/models/([^/:]+):(\\w+)");

    /** In a prompt, followed by a file's absolute path: the model calls the CLI's tool that reads the file. */
    public static final String READ_FILE = "[[read-file]]";
    /** In a prompt: the first request of each API that offers tools fails; the retry is served. */
    public static final String FAIL_ONCE = "[[fail-once]]";
    /** In a prompt: every request that offers tools fails (for a CLI that logs an error only once it gives up). */
    public static final String FAIL_ALWAYS = "[[fail]]";
    /** The status of the failed request: a server error, which every CLI retries. */
    public static final int FAILURE_STATUS = 500;
    private static final Pattern READ_FILE_PATH = Pattern.compile(Pattern.quote(READ_FILE) + "\\s*(/[^\\s\"\\\\]+)");
    private static final Pattern OFFERS_TOOLS = Pattern.compile("\"(tools|functionDeclarations)\"\\s*:\\s*\\[\\s*\\{");

    private final HttpServer server;
    private final List<Served> served = new ArrayList<>();
    private final List<String> unserved = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final java.util.Set<String> failed = new java.util.HashSet<>();
    private int ids;

    /**
     * The usage every answer reports. For OpenAI and Gemini, {@code cacheRead} and {@code reasoning} are parts of
     * {@code input} and {@code output} (their APIs count them inside); for Anthropic they are apart.
     */
    public record Usage(long input, long output, long cacheRead, long cacheCreation, long reasoning) {
    }

    /** One answered model call: which API, which model it asked for. */
    public record Served(String api, String model) {
    }

    /** Every request as received ({@code METHOD path}, its body) and the status it got, in order. */
    public record Request(String request, String body, int status) {
    }

    /** What the model does with one request: answer text, call the tool, or fail. */
    private enum Move { ANSWER, CALL_TOOL, FAIL }

    private FakeModelProvider(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 at {@code port} (0: any free port). */
    public static FakeModelProvider start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        FakeModelProvider provider = new FakeModelProvider(server);
        server.createContext("/", provider::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return provider;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The model calls answered so far, in order. */
    public synchronized List<Served> served() {
        return List.copyOf(served);
    }

    /** The served calls of one API ("anthropic", "openai", "gemini"). */
    public synchronized List<Served> served(String api) {
        return served.stream().filter(call -> call.api().equals(api)).toList();
    }

    /** Every request received so far, in order, with its body (to see what a CLI sends). */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that were failed on purpose ({@link #FAIL_ONCE}), as {@code api}. */
    public synchronized java.util.Set<String> failedApis() {
        return java.util.Set.copyOf(failed);
    }

    /** Requests that were not model calls ({@code METHOD path}), answered 404. */
    public synchronized List<String> unserved() {
        return List.copyOf(unserved);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean post = method.equals("POST");
            int status;
            if (post && path.endsWith("/messages")) {
                status = anthropic(exchange, body);
            } else if (post && path.endsWith("/responses")) {
                status = openAiResponses(exchange, body);
            } else if (post && path.endsWith("/chat/completions")) {
                status = openAiChat(exchange, body);
            } else if (post && GEMINI_PATH.matcher(path).find()) {
                status = gemini(exchange, path, body);
            } else {
                synchronized (this) {
                    unserved.add(method + " " + exchange.getRequestURI());
                }
                status = send(exchange, 404, "application/json",
                        "{\"error\":{\"message\":\"not served by the fake\"}}");
            }
            synchronized (this) {
                requests.add(new Request(method + " " + exchange.getRequestURI(), body, status));
            }
        }
    }

    /**
     * The model's move for a request of {@code api}: fail it (the first request of the API that offers tools in a
     * prompt marked {@link #FAIL_ONCE}), call the tool (a request that offers tools in a prompt marked
     * {@link #READ_FILE} and holds no tool result yet, {@code toolResult} being the API's name for one), or answer.
     */
    private synchronized Move move(String api, String body, String toolResult) {
        boolean offersTools = OFFERS_TOOLS.matcher(body).find();
        if (offersTools && (body.contains(FAIL_ALWAYS) || body.contains(FAIL_ONCE) && !failed.contains(api))) {
            failed.add(api);
            return Move.FAIL;
        }
        if (offersTools && READ_FILE_PATH.matcher(body).find() && !body.contains(toolResult)) {
            return Move.CALL_TOOL;
        }
        return Move.ANSWER;
    }

    /** The absolute path after {@link #READ_FILE} in the request's prompt. */
    private static String fileToRead(String body) {
        Matcher matcher = READ_FILE_PATH.matcher(body);
        matcher.find();
        return matcher.group(1);
    }

    private int anthropic(HttpExchange exchange, String body) throws IOException {
        Move move = move("anthropic", body, "\"tool_result\"");
        if (move == Move.FAIL) {
            return send(exchange, FAILURE_STATUS, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                    + "\"api_error\",\"message\":\"Internal server error (the fake's planned failure)\"}}");
        }
        String model = record("anthropic", modelOf(body));
        String id = "msg_fake_" + nextId();
        Usage u = ANTHROPIC;
        String usage = "{\"input_tokens\":" + u.input() + ",\"output_tokens\":" + u.output()
                + ",\"cache_read_input_tokens\":" + u.cacheRead() + ",\"cache_creation_input_tokens\":"
                + u.cacheCreation() + "}";
        String toolUseId = "toolu_fake_" + id.substring("msg_fake_".length());
        String input = "{\"file_path\":" + quoted(move == Move.CALL_TOOL ? fileToRead(body) : "") + "}";
        String stopReason = move == Move.CALL_TOOL ? "tool_use" : "end_turn";
        if (!STREAM.matcher(body).find()) {
            String content = move == Move.CALL_TOOL
                    ? "{\"type\":\"tool_use\",\"id\":\"" + toolUseId + "\",\"name\":\"Read\",\"input\":" + input + "}"
                    : "{\"type\":\"text\",\"text\":\"Done.\"}";
            return send(exchange, 200, "application/json", "{\"id\":\"" + id + "\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[" + content + "],"
                    + "\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,\"usage\":" + usage + "}");
        }
        String startUsage = "{\"input_tokens\":" + u.input() + ",\"output_tokens\":1,\"cache_read_input_tokens\":"
                + u.cacheRead() + ",\"cache_creation_input_tokens\":" + u.cacheCreation() + "}";
        String blockStart = move == Move.CALL_TOOL
                ? "{\"type\":\"tool_use\",\"id\":\"" + toolUseId + "\",\"name\":\"Read\",\"input\":{}}"
                : "{\"type\":\"text\",\"text\":\"\"}";
        String delta = move == Move.CALL_TOOL
                ? "{\"type\":\"input_json_delta\",\"partial_json\":" + quoted(input) + "}"
                : "{\"type\":\"text_delta\",\"text\":\"Done.\"}";
        return sse(exchange, List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":" + startUsage + "}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":" + blockStart + "}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" + delta + "}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\","
                        + "\"stop_sequence\":null},\"usage\":" + usage + "}"),
                event("message_stop", "{\"type\":\"message_stop\"}")));
    }

    private int openAiResponses(HttpExchange exchange, String body) throws IOException {
        Move move = move("openai", body, "\"function_call_output\"");
        if (move == Move.FAIL) {
            return send(exchange, FAILURE_STATUS, "application/json", "{\"error\":{\"message\":\"The server had an "
                    + "error while processing your request (the fake's planned failure).\",\"type\":\"server_error\","
                    + "\"param\":null,\"code\":null}}");
        }
        String model = record("openai", modelOf(body));
        String id = "resp_fake_" + nextId();
        String item = move == Move.CALL_TOOL ? codexShellCall(id, body)
                : "{\"type\":\"message\",\"id\":\"msg_" + id + "\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Done.\",\"annotations\":[]}]}";
        Usage u = OPENAI;
        String usage = "{\"input_tokens\":" + u.input() + ",\"input_tokens_details\":{\"cached_tokens\":" + u.cacheRead()
                + "},\"output_tokens\":" + u.output() + ",\"output_tokens_details\":{\"reasoning_tokens\":"
                + u.reasoning() + "},\"total_tokens\":" + (u.input() + u.output()) + "}";
        String created = "{\"id\":\"" + id + "\",\"object\":\"response\",\"model\":\"" + model
                + "\",\"status\":\"in_progress\",\"output\":[]}";
        String completed = "{\"id\":\"" + id + "\",\"object\":\"response\",\"model\":\"" + model
                + "\",\"status\":\"completed\",\"output\":[" + item + "],\"usage\":" + usage + "}";
        List<String> events = new ArrayList<>();
        events.add(event("response.created", "{\"type\":\"response.created\",\"response\":" + created + "}"));
        if (move == Move.ANSWER) {
            events.add(event("response.output_item.added", "{\"type\":\"response.output_item.added\","
                    + "\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_" + id + "\","
                    + "\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}"));
            events.add(event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":"
                    + "\"msg_" + id + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"Done.\"}"));
        }
        events.add(event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                + "\"item\":" + item + "}"));
        events.add(event("response.completed", "{\"type\":\"response.completed\",\"response\":" + completed + "}"));
        return sse(exchange, events);
    }

    /**
     * A {@code function_call} item of the shell tool the request offers ({@code shell_command} takes a command line,
     * {@code exec_command} a {@code cmd}, {@code shell} an argv), running {@code cat} on the file to read.
     */
    private static String codexShellCall(String id, String body) {
        String file = fileToRead(body);
        String name;
        String arguments;
        if (body.contains("\"name\":\"shell_command\"")) {
            name = "shell_command";
            arguments = "{\"command\":" + quoted("cat " + file) + "}";
        } else if (body.contains("\"name\":\"exec_command\"")) {
            name = "exec_command";
            arguments = "{\"cmd\":" + quoted("cat " + file) + "}";
        } else {
            name = "shell";
            arguments = "{\"command\":[\"cat\"," + quoted(file) + "]}";
        }
        return "{\"type\":\"function_call\",\"id\":\"fc_" + id + "\",\"call_id\":\"call_" + id + "\",\"name\":\""
                + name + "\",\"arguments\":" + quoted(arguments) + ",\"status\":\"completed\"}";
    }

    private int openAiChat(HttpExchange exchange, String body) throws IOException {
        String model = record("openai", modelOf(body));
        Usage u = OPENAI;
        return send(exchange, 200, "application/json", "{\"id\":\"chatcmpl-fake-" + nextId() + "\",\"object\":\"chat.completion\","
                + "\"created\":" + (System.currentTimeMillis() / 1000) + ",\"model\":\"" + model + "\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Done.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + u.input() + ",\"completion_tokens\":" + u.output()
                + ",\"total_tokens\":" + (u.input() + u.output()) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + u.cacheRead() + "},\"completion_tokens_details\":{\"reasoning_tokens\":" + u.reasoning() + "}}}");
    }

    private int gemini(HttpExchange exchange, String path, String body) throws IOException {
        Matcher matcher = GEMINI_PATH.matcher(path);
        matcher.find();
        // Gemini CLI routes each turn with a call that must answer JSON (a complexity score, or a model choice);
        // one object satisfies the routers' schemas, which ignore keys they do not know.
        boolean router = JSON_ANSWER.matcher(body).find();
        Move move = router ? Move.ANSWER : move("gemini", body, "\"functionResponse\"");
        if (move == Move.FAIL) {
            return send(exchange, FAILURE_STATUS, "application/json", "{\"error\":{\"code\":500,\"message\":"
                    + "\"Internal error encountered (the fake's planned failure).\",\"status\":\"INTERNAL\"}}");
        }
        String model = record("gemini", matcher.group(1));
        Usage u = GEMINI;
        String part = move == Move.CALL_TOOL
                ? "{\"functionCall\":{\"name\":\"read_file\",\"args\":{\"file_path\":" + quoted(fileToRead(body)) + "}}}"
                : "{\"text\":" + quoted(router ? ROUTER_JSON : "Done.") + "}";
        String answer = "{\"candidates\":[{\"content\":{\"parts\":[" + part + "],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":" + u.input()
                + ",\"candidatesTokenCount\":" + u.output() + ",\"cachedContentTokenCount\":" + u.cacheRead()
                + ",\"thoughtsTokenCount\":" + u.reasoning() + ",\"totalTokenCount\":"
                + (u.input() + u.output() + u.reasoning()) + "},\"modelVersion\":\"" + model + "\",\"responseId\":\"fake-"
                + nextId() + "\"}";
        if (matcher.group(2).toLowerCase(Locale.ROOT).startsWith("stream")) {
            return sse(exchange, List.of("data: " + answer + "\n\n"));
        }
        return send(exchange, 200, "application/json", answer);
    }

    private synchronized String record(String api, String model) {
        served.add(new Served(api, model));
        return model;
    }

    private synchronized int nextId() {
        return ++ids;
    }

    private static String modelOf(String body) {
        Matcher matcher = MODEL.matcher(body);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static int sse(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return 200;
    }

    private static int send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /**
     * Runs the fake alone on the given port (default 18090) and prints each request with its status, to try a CLI
     * against it by hand; with a second argument, a directory, each request's body is written there as well.
     */
    public static void main(String[] args) throws Exception {
        FakeModelProvider provider = start(args.length > 0 ? Integer.parseInt(args[0]) : 18090);
        java.nio.file.Path dump = args.length > 1 ? java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[1]))
                : null;
        System.out.println("fake model provider at " + provider.baseUrl());
        int seen = 0;
        while (true) {
            Thread.sleep(200);
            List<Request> all = provider.requests();
            for (; seen < all.size(); seen++) {
                Request request = all.get(seen);
                System.out.println(request.status() + " " + request.request());
                if (dump != null) {
                    java.nio.file.Files.writeString(dump.resolve(String.format("%03d.txt", seen + 1)),
                            request.request() + "\n" + request.status() + "\n" + request.body());
                }
            }
        }
    }
}
