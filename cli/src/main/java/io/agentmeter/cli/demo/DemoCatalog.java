package io.agentmeter.cli.demo;

import io.agentmeter.cli.demo.DemoModel.CacheStyle;
import io.agentmeter.pricing.PriceBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo agents are made of: real models of the shipped price book, roles, tools, projects, people and
 * prompts. Fixed data, so that a seed always gives the same demo.
 */
public final class DemoCatalog {

    public static final List<DemoModel> MODELS = List.of(
            new DemoModel("anthropic", "claude-sonnet-4-5", 1_000_000, false, CacheStyle.ANTHROPIC, 65, 900, 1.0),
            new DemoModel("anthropic", "claude-haiku-4-5", 200_000, false, CacheStyle.ANTHROPIC, 150, 450, 0.8),
            new DemoModel("anthropic", "claude-opus-4-5", 200_000, false, CacheStyle.ANTHROPIC, 45, 1400, 1.2),
            new DemoModel("openai", "gpt-5", 272_000, true, CacheStyle.OPENAI, 80, 1200, 1.1),
            new DemoModel("openai", "gpt-5-mini", 272_000, true, CacheStyle.OPENAI, 160, 600, 0.9),
            new DemoModel("gcp.gemini", "gemini-2.5-pro", 1_048_576, true, CacheStyle.GEMINI, 90, 1100, 1.05),
            new DemoModel("gcp.gemini", "gemini-2.5-flash", 1_048_576, true, CacheStyle.GEMINI, 220, 400, 0.85));

    public static final List<DemoTool> TOOLS = List.of(
            new DemoTool("bash", 600, 1_800),
            new DemoTool("read_file", 1_500, 40),
            new DemoTool("edit_file", 150, 30),
            new DemoTool("grep", 400, 150),
            new DemoTool("web_search", 1_800, 1_400),
            new DemoTool("web_fetch", 4_000, 2_200),
            new DemoTool("run_tests", 900, 25_000),
            new DemoTool("git_diff", 1_200, 120),
            new DemoTool("todo_write", 80, 10));

    public static final DemoRole PLANNER = new DemoRole("planner", 3_500, 700, 1.0,
            map("todo_write", 0.6, "read_file", 0.4),
            map("claude-sonnet-4-5", 0.35, "gpt-5", 0.3, "gemini-2.5-pro", 0.2, "claude-opus-4-5", 0.15),
            "high", "Plan the work for this task and split it into steps: %s");
    public static final DemoRole RESEARCHER = new DemoRole("researcher", 2_500, 500, 2.0,
            map("web_search", 0.5, "web_fetch", 0.35, "read_file", 0.15),
            map("gemini-2.5-pro", 0.4, "gpt-5", 0.3, "claude-sonnet-4-5", 0.3),
            "medium", "Find what we need to know (docs, prior art, constraints) for: %s");
    public static final DemoRole CODER = new DemoRole("coder", 6_000, 900, 2.2,
            map("read_file", 0.35, "edit_file", 0.25, "bash", 0.2, "grep", 0.15, "run_tests", 0.05),
            map("claude-sonnet-4-5", 0.45, "gpt-5", 0.25, "gpt-5-mini", 0.15, "claude-haiku-4-5", 0.15),
            "medium", "Implement this and keep the tests green: %s");
    public static final DemoRole REVIEWER = new DemoRole("reviewer", 3_000, 450, 1.2,
            map("git_diff", 0.5, "read_file", 0.3, "grep", 0.2),
            map("claude-haiku-4-5", 0.35, "gpt-5-mini", 0.35, "gemini-2.5-flash", 0.3),
            "low", "Review the change made for: %s");
    public static final DemoRole SUMMARIZER = new DemoRole("summarizer", 1_200, 300, 0.0, Map.of(),
            map("claude-haiku-4-5", 0.4, "gpt-5-mini", 0.3, "gemini-2.5-flash", 0.3),
            "low", "Write the pull request description for: %s");
    public static final DemoRole EVALUATOR = new DemoRole("evaluator", 800, 600, 0.0, Map.of(),
            map("claude-sonnet-4-5", 1.0), "medium", "%s");

    public static final List<String> PROJECTS = List.of("checkout-service", "search-api", "docs-site",
            "data-pipeline", "mobile-app");
    public static final List<String> USERS = List.of("u-alice", "u-bob", "u-chen", "u-dana", "u-emeka", "u-fatima");
    public static final List<String> TEAMS = List.of("payments", "platform", "growth");

    /** Tasks the agent teams work on; each turns up in many sessions, on different models. */
    public static final List<String> TASKS = List.of(
            "Add cursor pagination to the GET /orders endpoint",
            "Fix the flaky timeout in PaymentServiceTest",
            "Migrate the search index builder from Elasticsearch 7 to OpenSearch 2",
            "Add rate limiting per API key to the public gateway",
            "Write the runbook for failing over the primary PostgreSQL",
            "Replace the hand-written retry loop with exponential backoff and jitter",
            "Make the CSV export stream rows instead of building the file in memory",
            "Upgrade the mobile app to the new push notification API",
            "Find and remove the N+1 queries on the dashboard page",
            "Add an audit log for changes to user roles",
            "Explain why the nightly ETL job takes twice as long since Tuesday",
            "Translate the onboarding emails into German and Japanese");

    /** Benchmark prompts sent unchanged to every model (model comparisons, recordings). */
    public static final List<String> BENCHMARKS = List.of(
            "Write a Python function that merges overlapping intervals, with tests.",
            "Summarise the trade-offs between optimistic and pessimistic locking for an order service in 5 bullets.",
            "Given this stack trace from a Java service, name the three most likely causes: "
                    + "java.util.concurrent.TimeoutException at HikariPool.getConnection",
            "Write a SQL query that returns each customer's second most recent order.",
            "Draft a polite reply declining a feature request that conflicts with our privacy policy.",
            "Refactor a 200-line switch statement into a strategy pattern; show the new interfaces.");

    private DemoCatalog() {
    }

    public static DemoModel model(String name) {
        return MODELS.stream().filter(m -> m.model().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo model " + name));
    }

    public static DemoTool tool(String name) {
        return TOOLS.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo tool " + name));
    }

    /**
     * The demo's models that the price book cannot price (with their provider, at {@code at}); empty when all can.
     * The demo refuses to start otherwise: it must show real prices.
     */
    public static List<String> unpriced(PriceBook book, Instant at) {
        List<String> missing = new ArrayList<>();
        for (DemoModel m : MODELS) {
            if (book.find(null, m.provider(), m.model(), at).isEmpty()) {
                missing.add(m.provider() + "/" + m.model());
            }
        }
        return missing;
    }

    private static Map<String, Double> map(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
