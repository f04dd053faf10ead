// Live updates: new turns and active sessions. The query API has no push endpoint (SSE/WebSocket) yet, so this
// polls two ordinary endpoints; a push source can replace poll() without touching the views.
//   active sessions: GET /v1/sessions?sort=last_seen&from=<now - 5 min>   (sessions with a turn in the last 5 min)
//   new turns:       GET /v1/summary?from=<since>&to=<now>               (current.figures.turns)
import { get } from './api.js';
import { apiFilter } from './state.js';
import { dateTime } from './time.js';

export const ACTIVE_WINDOW_MS = 5 * 60 * 1000;
const DEFAULT_POLL_SECONDS = 15;

export class Live {
  constructor() {
    this.enabled = false;
    this.since = null;
    this.timer = null;
    this.listeners = new Set();
    this.last = null;
    this.filterKey = null;
    this.status = document.getElementById('live-status');
    this.toggle = document.getElementById('live-toggle');
  }

  /** Called on every render with the view's context: starts, restarts or stops polling. */
  configure(ctx, params) {
    this.listeners.clear();
    this.ctx = ctx;
    const enabled = params.get('live') === '1';
    const seconds = Math.max(1, Number(params.get('poll')) || DEFAULT_POLL_SECONDS);
    this.toggle.checked = enabled;
    const f = ctx.filter;
    const filterKey = [f.project, f.agent, f.model, f.tz].join('|');
    if (!enabled) {
      this.stop();
      return;
    }
    if (!this.enabled || this.seconds !== seconds || this.filterKey !== filterKey) {
      this.stop();
      this.enabled = true;
      this.seconds = seconds;
      this.filterKey = filterKey;
      this.since = this.since || new Date();
      this.last = null;
      this.poll();
      this.timer = setInterval(() => this.poll(), seconds * 1000);
    }
  }

  stop() {
    this.enabled = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.since = null;
    this.status.textContent = '';
    this.status.className = 'live-status';
  }

  /** A view's callback, given each poll's result ({since, at, newTurns, active, error}). */
  onUpdate(callback) {
    this.listeners.add(callback);
    if (this.last) callback(this.last);
  }

  async poll() {
    if (!this.enabled || this.busy) return;
    this.busy = true;
    const now = new Date();
    const to = new Date(now.getTime() + 1000);
    const filter = apiFilter(this.ctx.filter, { range: false });
    try {
      const [sessions, summary] = await Promise.all([
        get('/v1/sessions', {
          ...filter, sort: 'last_seen', order: 'desc', limit: 20,
          from: new Date(now.getTime() - ACTIVE_WINDOW_MS).toISOString(), to: to.toISOString(),
        }),
        get('/v1/summary', { ...filter, from: this.since.toISOString(), to: to.toISOString() }),
      ]);
      this.last = {
        since: this.since, at: now, newTurns: summary.current.figures.turns,
        newCost: summary.current.figures.cost_usd, active: sessions.items, error: null,
      };
      this.status.className = 'live-status on';
      this.status.textContent = `Live · ${sessions.items.length} active · ${this.last.newTurns} new turns · `
        + `${dateTime(now, this.ctx.filter.tz, { seconds: true })}`;
    } catch (err) {
      this.last = { since: this.since, at: now, error: err };
      this.status.className = 'live-status error';
      this.status.textContent = `Live: ${err.describe ? err.describe() : err.message}`;
    } finally {
      this.busy = false;
    }
    document.documentElement.dataset.livePolls = String(Number(document.documentElement.dataset.livePolls || 0) + 1);
    for (const listener of this.listeners) listener(this.last);
  }
}
