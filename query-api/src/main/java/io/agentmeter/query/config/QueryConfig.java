package io.agentmeter.query.config;

import io.agentmeter.service.auth.KeyCacheSettings;
import io.agentmeter.service.db.DatabaseSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Every setting of the query API, from {@code agentmeter.*} properties or the matching environment variables
 * ({@code agentmeter.db.url} = {@code AGENTMETER_DB_URL}). Checked together at start by
 * {@link io.agentmeter.query.QueryConfigCheck}; docs/query-api.md lists them.
 */
@ConfigMapping(prefix = "agentmeter")
public interface QueryConfig {

    DatabaseSettings db();

    Auth auth();

    Query query();

    /** Query key checks: the key cache ({@link KeyCacheSettings}) and the health bar's grace in an outage. */
    interface Auth extends KeyCacheSettings {

        /**
         * While PostgreSQL cannot answer, a key it confirmed (or refused) this recently is still taken (or refused)
         * by {@code GET /v1/health/parts}, so the health bar shows the outage with the other parts' states. No other
         * endpoint uses it.
         */
        @WithName("outage-grace")
        @WithDefault("1h")
        Duration outageGrace();
    }

    /** Bounds of every query. */
    interface Query {

        /** The range when {@code from} is not given: {@code to} minus this. */
        @WithName("default-range")
        @WithDefault("7d")
        Duration defaultRange();

        /** The longest {@code from}..{@code to} accepted. */
        @WithName("max-range")
        @WithDefault("400d")
        Duration maxRange();

        /** Page size when {@code limit} is not given. */
        @WithName("default-limit")
        @WithDefault("100")
        int defaultLimit();

        /** The largest {@code limit} accepted. */
        @WithName("max-limit")
        @WithDefault("1000")
        int maxLimit();

        /** The most points one page of a series holds; the rest comes with the next cursor. */
        @WithName("max-points")
        @WithDefault("1000")
        int maxPoints();

        /** Rows fetched per round trip by the streaming export. */
        @WithName("export-fetch-size")
        @WithDefault("1000")
        int exportFetchSize();

        /** Most turns a counterfactual prices; more is a 400 asking for a narrower filter. */
        @WithName("counterfactual-max-turns")
        @WithDefault("2000000")
        int counterfactualMaxTurns();

        /** Upper bound of one SQL statement (PostgreSQL statement_timeout); the export is not bounded. */
        @WithName("statement-timeout")
        @WithDefault("30s")
        Duration statementTimeout();

        /**
         * Keep day/hour rollup rows of windows that ended more than 2 days ago in memory (SettledWindows). Each entry
         * is served only while the tenant's generation in settled_changes is the one it was read under; the sink
         * bumps it with every write into such windows (a backfill, a turn days late), so the cache never serves what
         * PostgreSQL no longer holds. Off: every window
         * is read from PostgreSQL.
         */
        @WithName("settled-window-cache")
        @WithDefault("true")
        boolean settledWindowCache();
    }
}
