package io.agentmeter.cli.importer;

import io.agentmeter.schema.activity.ActivityEvent;
import io.agentmeter.schema.event.TurnEvent;

/** Where a parser puts what it made of the lines: turn events, activity events, problems, and lines it had no use for. */
public interface Emitter {

    /** An activity event (a tool call, a reply, an error: never spend) built from {@code at}. */
    default void activity(ActivityEvent event, SourceLine at) {
        problem(at, "activity events are not taken here");
    }

    /** A turn built from {@code at} (for a group of lines: its first line). */
    void event(TurnEvent event, SourceLine at);

    /** A line that should have been a turn but could not be read; reported with file:line and the reason. */
    void problem(SourceLine at, String reason);

    /** A line that is fine but carries no turn (a user message, a repeated total...); counted by {@code kind}. */
    void ignored(SourceLine at, String kind);
}
