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

    private final HttpServer server;
    private final List<Served> served = new ArrayList<>();
    private final List<String> unserved = new ArrayList<>();
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
            if (post && path.endsWith("/messages")) {
                anthropic(exchange, body);
            } else if (post && path.endsWith("/responses")) {
                openAiResponses(exchange, body);
            } else if (post && path.endsWith("/chat/completions")) {
                openAiChat(exchange, body);
            } else if (post && GEMINI_PATH.matcher(path).find()) {
                gemini(exchange, path, body);
            } else {
                synchronized (this) {
                    unserved.add(method + " " + exchange.getRequestURI());
                }
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"not served by the fake\"}}");
            }
        }
    }

    private void anthropic(HttpExchange exchange, String body) throws IOException {
        String model = record("anthropic", modelOf(body));
        String id = "msg_fake_" + nextId();
        Usage u = ANTHROPIC;
        String usage = "{\"input_tokens\":" + u.input() + ",\"output_tokens\":" + u.output()
                + ",\"cache_read_input_tokens\":" + u.cacheRead() + ",\"cache_creation_input_tokens\":"
                + u.cacheCreation() + "}";
        if (!STREAM.matcher(body).find()) {
            send(exchange, 200, "application/json", "{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],"
                    + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":" + usage + "}");
            return;
        }
        String startUsage = "{\"input_tokens\":" + u.input() + ",\"output_tokens\":1,\"cache_read_input_tokens\":"
                + u.cacheRead() + ",\"cache_creation_input_tokens\":" + u.cacheCreation() + "}";
        sse(exchange, List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":" + startUsage + "}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Done.\"}}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":" + usage + "}"),
                event("message_stop", "{\"type\":\"message_stop\"}")));
    }

    private void openAiResponses(HttpExchange exchange, String body) throws IOException {
        String model = record("openai", modelOf(body));
        String id = "resp_fake_" + nextId();
        String item = "{\"type\":\"message\",\"id\":\"msg_" + id + "\",\"status\":\"completed\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Done.\",\"annotations\":[]}]}";
        Usage u = OPENAI;
        String usage = "{\"input_tokens\":" + u.input() + ",\"input_tokens_details\":{\"cached_tokens\":" + u.cacheRead()
                + "},\"output_tokens\":" + u.output() + ",\"output_tokens_details\":{\"reasoning_tokens\":"
                + u.reasoning() + "},\"total_tokens\":" + (u.input() + u.output()) + "}";
        String created = "{\"id\":\"" + id + "\",\"object\":\"response\",\"model\":\"" + model
                + "\",\"status\":\"in_progress\",\"output\":[]}";
        String completed = "{\"id\":\"" + id + "\",\"object\":\"response\",\"model\":\"" + model
                + "\",\"status\":\"completed\",\"output\":[" + item + "],\"usage\":" + usage + "}";
        sse(exchange, List.of(
                event("response.created", "{\"type\":\"response.created\",\"response\":" + created + "}"),
                event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"id\":\"msg_" + id + "\",\"status\":\"in_progress\","
                        + "\"role\":\"assistant\",\"content\":[]}}"),
                event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_" + id
                        + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"Done.\"}"),
                event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":" + item + "}"),
                event("response.completed", "{\"type\":\"response.completed\",\"response\":" + completed + "}")));
    }

    private void openAiChat(HttpExchange exchange, String body) throws IOException {
        String model = record("openai", modelOf(body));
        Usage u = OPENAI;
        send(exchange, 200, "application/json", "{\"id\":\"chatcmpl-fake-" + nextId() + "\",\"object\":\"chat.completion\","
                + "\"created\":" + (System.currentTimeMillis() / 1000) + ",\"model\":\"" + model + "\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Done.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + u.input() + ",\"completion_tokens\":" + u.output()
                + ",\"total_tokens\":" + (u.input() + u.output()) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + u.cacheRead() + "},\"completion_tokens_details\":{\"reasoning_tokens\":" + u.reasoning() + "}}}");
    }

    private void gemini(HttpExchange exchange, String path, String body) throws IOException {
        Matcher matcher = GEMINI_PATH.matcher(path);
        matcher.find();
        String model = record("gemini", matcher.group(1));
        Usage u = GEMINI;
        // Gemini CLI routes each turn with a call that must answer JSON (a complexity score, or a model choice);
        // one object satisfies the routers' schemas, which ignore keys they do not know.
        String text = JSON_ANSWER.matcher(body).find() ? ROUTER_JSON : "Done.";
        String answer = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + quoted(text) + "}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":" + u.input()
                + ",\"candidatesTokenCount\":" + u.output() + ",\"cachedContentTokenCount\":" + u.cacheRead()
                + ",\"thoughtsTokenCount\":" + u.reasoning() + ",\"totalTokenCount\":"
                + (u.input() + u.output() + u.reasoning()) + "},\"modelVersion\":\"" + model + "\",\"responseId\":\"fake-"
                + nextId() + "\"}";
        if (matcher.group(2).toLowerCase(Locale.ROOT).startsWith("stream")) {
            sse(exchange, List.of("data: " + answer + "\n\n"));
        } else {
            send(exchange, 200, "application/json", answer);
        }
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

    private static void sse(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Runs the fake alone on the given port (default 18090) and prints each call, to try a CLI against it by hand. */
    public static void main(String[] args) throws Exception {
        FakeModelProvider provider = start(args.length > 0 ? Integer.parseInt(args[0]) : 18090);
        System.out.println("fake model provider at " + provider.baseUrl());
        int seen = 0;
        while (true) {
            Thread.sleep(500);
            List<Served> calls = provider.served();
            List<String> others = provider.unserved();
            if (calls.size() + others.size() != seen) {
                seen = calls.size() + others.size();
                System.out.println("served " + calls + " unserved " + others);
            }
        }
    }
}
