/**
 * Session activity (issue 19), read side: what agents did between their turns (tool calls and decisions, replies,
 * errors, prompts), from the {@code activity} table the writer fills.
 *
 * <p>Key classes: {@link io.agentmeter.query.activity.ActivitySessionsResource} ({@code GET /v1/activity/sessions}, the
 * sessions with activity in a range) and {@link io.agentmeter.query.activity.SessionActivityResource}
 * ({@code GET /v1/sessions/{session_id}/activity}, one session's transcript: its activity interleaved with its turns
 * in time order), both over {@link io.agentmeter.query.activity.ActivityService} and
 * {@link io.agentmeter.query.activity.ActivityRepository} (SQL as constants, bound parameters, one row mapper each).
 *
 * <p>Rules kept here: activity is never spend (no figure of any other endpoint reads it); a payload is read from
 * PostgreSQL only for a developer (or admin) key, a viewer gets {@code payload: null} and {@code payload_withheld}; the
 * transcript's order is {@code (occurred_at, type, event_id)} and its cursor is that position, so rows stored later
 * never shift a page. Not here: writing activity (the writer owns the table), figures of turns (sessions, turns).
 */
package io.agentmeter.query.activity;
