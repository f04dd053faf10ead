package io.agentmeter.query.activity;

import io.agentmeter.query.params.Filter;
import java.util.List;

/**
 * A checked activity filter: the common one (tenant, range, project, agent, model, provider) plus the kinds and
 * users asked for, each empty for "any". Labels are refused before one is built: activity entries carry none.
 */
public record ActivityFilter(Filter common, List<String> kinds, List<String> users) {

    public ActivityFilter {
        kinds = List.copyOf(kinds);
        users = List.copyOf(users);
    }

    /** A stable text of the whole filter, to tie a cursor to the query it came from. */
    public String fingerprint() {
        return common.fingerprint() + "|" + common.from() + "|" + common.to() + "|" + String.join(",", kinds) + "|"
                + String.join(",", users);
    }
}
