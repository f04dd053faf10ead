// The health bar: each part's state from GET /v1/health/parts (query API, PostgreSQL, ingest gateway, Kafka,
// aggregator, writer), polled every 10 s while signed in. Green up, red down, grey unknown; the tooltip says why and since
// when. When the query API itself cannot be reached, the bar says so and the other parts are unknown: nothing can be
// learnt about them. The polls do not count as pending calls (data-pending), so they never hold a view's "rendered".
import { ApiError, get } from './api.js';
import { h, replace } from './dom.js';
import { dateTime } from './time.js';

const POLL_MS = 10000;
const PARTS = [
  ['query_api', 'Query API'], ['postgresql', 'PostgreSQL'], ['gateway', 'Ingest gateway'], ['kafka', 'Kafka'],
  ['aggregator', 'Aggregator'], ['writer', 'Writer'],
];

/** What the bar shows when the health endpoint could not be asked. */
export function unreachable(err, at = new Date()) {
  const reached = err instanceof ApiError && err.status > 0 && err.status < 500;
  const why = err instanceof ApiError ? err.describe() : String(err && err.message ? err.message : err);
  return PARTS.map(([part, name]) => {
    if (part === 'query_api') {
      return reached
        ? { part, name, state: 'unknown', since: null, detail: `the health check failed: ${why}` }
        : { part, name, state: 'down', since: at.toISOString(), detail: `cannot be reached: ${why}` };
    }
    return { part, name, state: 'unknown', since: null,
      detail: reached ? `not known: ${why}` : 'not known: the query API, which checks it, cannot be reached' };
  });
}

export class HealthBar {
  /** el: the bar's element; zone(): the time zone times are shown in. */
  constructor(el, zone) {
    this.el = el;
    this.zone = zone;
    this.timer = null;
    this.round = 0;
    this.downSince = null;
  }

  /** Polls now and every 10 s from now on (again only if stopped). */
  start() {
    if (this.timer !== null || this.running) return;
    this.poll();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.running = false;
    this.round++;
    this.el.hidden = true;
    this.el.dataset.state = '';
  }

  async poll() {
    const round = ++this.round;
    this.running = true;
    clearTimeout(this.timer);
    this.timer = null;
    let parts;
    let checkedAt = new Date();
    try {
      const answer = await get('/v1/health/parts', null, { quiet: true });
      parts = answer.parts;
      checkedAt = new Date(answer.checked_at);
      this.downSince = null;
    } catch (err) {
      if (round !== this.round) return;
      if (err instanceof ApiError && err.status === 401) {
        // The key was refused: api.js signs out, which stops this bar.
        this.running = false;
        return;
      }
      if (!(err instanceof ApiError && err.status > 0 && err.status < 500)) this.downSince = this.downSince || new Date();
      parts = unreachable(err, this.downSince || new Date());
    }
    if (round !== this.round) return;
    this.show(parts, checkedAt);
    this.running = false;
    this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  show(parts, checkedAt) {
    const tz = this.zone();
    const down = parts.filter((p) => p.state === 'down');
    this.el.hidden = false;
    this.el.dataset.state = down.length ? 'down' : (parts.every((p) => p.state === 'up') ? 'up' : 'unknown');
    this.el.dataset.polls = String(Number(this.el.dataset.polls || 0) + 1);
    replace(this.el,
      h('span', { class: 'health-label' }, 'System'),
      parts.map((p) => {
        const since = p.since ? ` since ${dateTime(p.since, tz, { seconds: true })}` : '';
        return h('span', {
          class: `health-part ${p.state}`,
          dataset: { part: p.part, state: p.state, since: p.since || '' },
          title: `${p.name}: ${p.state}${since}${p.detail ? ` · ${p.detail}` : ''}`,
        }, h('span', { class: 'health-dot', 'aria-hidden': 'true' }), p.name,
        p.state === 'up' ? null : h('span', { class: 'health-state' }, p.state));
      }),
      h('span', { class: 'health-checked' },
        down.length ? `${down.length} down · checked ${dateTime(checkedAt, tz, { seconds: true })}`
          : `checked ${dateTime(checkedAt, tz, { seconds: true })}`));
  }
}
