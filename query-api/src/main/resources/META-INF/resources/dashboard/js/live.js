// Live updates: new turns and active sessions, pushed by the query API (GET /v1/live, Server-Sent Events).
// EventSource cannot send the Authorization header and the key must never go into a URL (server logs, history), so
// the stream is read with fetch() and parsed by SseParser. What the stream sends is filtered here by the filter bar's
// project / agent / model (the stream itself is the whole tenant's). A lost connection is retried after 1 s, 2 s,
// 4 s … up to 30 s, resuming after the last turn received (Last-Event-ID), so no turn is missed or counted twice.
import { ApiError, openStream } from './api.js';
import { SseParser } from './sse.js';
import { dateTime } from './time.js';

const MAX_RECENT = 20;
const MAX_BACKOFF_MS = 30000;
const DEFAULT_HEARTBEAT_SECONDS = 15;

export class Live {
  constructor() {
    this.enabled = false;
    this.listeners = new Set();
    this.state = 'off';
    this.status = document.getElementById('live-status');
    this.toggle = document.getElementById('live-toggle');
    this.lastEventId = null;
    this.failures = 0;
    this.connection = 0;
    this.resetCounts();
  }

  resetCounts() {
    this.since = new Date();
    this.newTurns = 0;
    this.newCost = null;
    this.recent = [];
    this.sessions = null;
    this.windowSeconds = null;
    this.at = null;
  }

  /** Called on every render with the view's context: connects, re-filters or disconnects. */
  configure(ctx, params) {
    this.listeners.clear();
    this.ctx = ctx;
    const live = ctx.capabilities && ctx.capabilities.live;
    this.heartbeatMs = 1000 * ((live && live.heartbeat_seconds) || DEFAULT_HEARTBEAT_SECONDS);
    const enabled = params.get('live') === '1';
    this.toggle.checked = enabled;
    if (!enabled) {
      this.stop();
      return;
    }
    const f = ctx.filter;
    const filterKey = [f.project, f.agent, f.model].join('|');
    if (this.filterKey !== filterKey) {
      // Counted since the filter took effect; the stream goes on (it is the tenant's, filtered here).
      this.filterKey = filterKey;
      this.resetCounts();
    }
    if (!this.enabled) {
      this.enabled = true;
      this.resetCounts();
      this.connect();
    }
    this.show();
  }

  stop() {
    this.enabled = false;
    this.connection++;
    if (this.abort) this.abort.abort();
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    this.lastEventId = null;
    this.failures = 0;
    this.filterKey = null;
    this.setState('off');
  }

  /** A view's callback, given the current figures now and after every change. */
  onUpdate(callback) {
    this.listeners.add(callback);
    if (this.state !== 'off') callback(this.snapshot());
  }

  snapshot() {
    return {
      state: this.state, error: this.error, since: this.since, at: this.at, newTurns: this.newTurns,
      newCost: this.newCost, recent: this.recent, active: this.sessions, windowSeconds: this.windowSeconds,
      retryAt: this.retryAt,
    };
  }

  async connect() {
    const connection = ++this.connection;
    const current = () => this.enabled && connection === this.connection;
    this.abort = new AbortController();
    this.setState(this.failures ? 'reconnecting' : 'connecting');
    try {
      const response = await openStream('/v1/live', { lastEventId: this.lastEventId, signal: this.abort.signal });
      if (!current()) return;
      this.failures = 0;
      this.error = null;
      this.setState('open');
      const parser = new SseParser((event) => this.receive(event), () => {});
      const reader = response.body.getReader();
      for (;;) {
        this.arm(connection);
        const { value, done } = await reader.read();
        if (done || !current()) break;
        parser.push(value);
      }
      if (!current()) return;
      // The server ended the stream (it stops, or this client fell behind): resume where it left off.
      this.retry(connection, null);
    } catch (err) {
      if (!current()) return;
      if (err instanceof ApiError && err.status === 401) {
        this.stop();
        return;
      }
      this.retry(connection, err);
    }
  }

  /** No byte for over two heartbeats: the connection is dead even if the socket does not say so. */
  arm(connection) {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (connection === this.connection && this.abort) {
        this.abort.abort();
        this.retry(connection, new Error('the stream went silent'));
      }
    }, 2.5 * this.heartbeatMs);
  }

  retry(connection, err) {
    if (connection !== this.connection || !this.enabled) return;
    this.connection++;
    clearTimeout(this.watchdog);
    if (this.abort) this.abort.abort();
    this.error = err;
    const delay = err ? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures) : 1000;
    if (err) this.failures++;
    this.retryAt = new Date(Date.now() + delay);
    this.setState(err ? 'error' : 'reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  receive(event) {
    if (event.name === 'turn') {
      this.lastEventId = event.id;
      const turn = JSON.parse(event.data);
      if (!this.matches(turn.project, turn.agent, [turn.model])) return;
      this.newTurns++;
      if (turn.cost_usd !== null && turn.cost_usd !== undefined) this.newCost = (this.newCost || 0) + Number(turn.cost_usd);
      this.recent = [turn, ...this.recent].slice(0, MAX_RECENT);
      this.at = new Date();
    } else if (event.name === 'sessions') {
      const answer = JSON.parse(event.data);
      this.sessions = answer.sessions.filter((s) => this.matches(s.project, s.agent, s.models));
      this.windowSeconds = answer.active_window_seconds;
      this.at = new Date(answer.at);
    } else {
      return;
    }
    document.documentElement.dataset.liveEvents = String(Number(document.documentElement.dataset.liveEvents || 0) + 1);
    this.show();
  }

  /** Whether a turn or session passes the filter bar (a session: its latest project / agent, any of its models). */
  matches(project, agent, models) {
    const f = this.ctx.filter;
    return (!f.project || project === f.project) && (!f.agent || agent === f.agent)
      && (!f.model || (models || []).includes(f.model));
  }

  setState(state) {
    this.state = state;
    document.documentElement.dataset.live = state;
    this.show();
  }

  /** The top bar's connection state, and every view listening. */
  show() {
    const tz = this.ctx ? this.ctx.filter.tz : 'UTC';
    const classes = { open: 'on', error: 'error', reconnecting: 'pending', connecting: 'pending' };
    this.status.className = `live-status ${classes[this.state] || ''}`.trim();
    this.status.dataset.state = this.state;
    if (this.state === 'off') {
      this.status.textContent = '';
    } else if (this.state === 'open') {
      const active = this.sessions ? this.sessions.length : '…';
      this.status.textContent = `Live · ${active} active · ${this.newTurns} new turns`
        + (this.at ? ` · ${dateTime(this.at, tz, { seconds: true })}` : '');
    } else if (this.state === 'error') {
      const why = this.error && this.error.describe ? this.error.describe() : (this.error ? this.error.message : '');
      this.status.textContent = `Live: disconnected (${why}); retrying at ${dateTime(this.retryAt, tz, { seconds: true })}`;
    } else {
      this.status.textContent = this.state === 'connecting' ? 'Live: connecting…' : 'Live: reconnecting…';
    }
    if (this.state === 'off') return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
