// A session's transcript (GET /v1/sessions/{id}/activity): its turns and activity entries on one time line, styled
// by kind (replies blue, tool calls yellow, system grey, errors red), long payloads folded, tool calls linked to the
// per-tool cost figures, and "payload withheld" where the key's role may not read the text.
import { getAll } from '../api.js';
import { h } from '../dom.js';
import { int, isKnown, money, ms, nr } from '../format.js';
import { Panel } from '../panel.js';
import { buildHash, parseHash } from '../state.js';
import { dateTime } from '../time.js';

/** Payloads longer than this (characters) or with more lines are folded until clicked. */
export const FOLD_CHARS = 280;
export const FOLD_LINES = 4;

export const KIND_LABELS = {
  tool_call: 'tool call',
  tool_decision: 'tool decision',
  reply: 'reply',
  error: 'error',
  user_prompt: 'prompt',
  api_request: 'API request',
  system: 'system',
};

/** The transcript panel of session {@code id}; loads on its own, so it shows even for a session without turns. */
export function transcriptPanel(id, tz) {
  const panel = new Panel('Transcript', {
    id: 'transcript',
    note: 'turns and activity in time order',
    csv: () => ({ path: `/v1/sessions/${encodeURIComponent(id)}/activity`, query: { limit: 1000 }, filename: `session-${id}-transcript.csv` }),
  });
  const load = () => panel.run(async () => {
    const t = await getAll(`/v1/sessions/${encodeURIComponent(id)}/activity`, { limit: 1000 },
      (a, b) => ({ ...a, entries: [...a.entries, ...b.entries], next_cursor: b.next_cursor }), 50);
    if (!t.entries.length) {
      panel.empty('Nothing recorded for this session.');
      return;
    }
    const activity = t.entries.filter((e) => e.type === 'activity').length;
    panel.note(`${t.entries.length - activity} turns and ${activity} activity entries in time order`);
    panel.show(renderTranscript(t.entries, tz));
  });
  return { panel, load };
}

export function renderTranscript(entries, tz) {
  const span = toolRange(entries);
  let turnNo = 0;
  return h('ol', { class: 'transcript', dataset: { testid: 'transcript' } }, entries.map((e) => {
    if (e.type === 'turn') turnNo += 1;
    return e.type === 'turn' ? turnEntry(e, turnNo, tz) : activityEntry(e, tz, span);
  }));
}

function isError(e) {
  return e.kind === 'error' || e.status === 'error';
}

function entryClass(e) {
  const classes = ['entry', e.type === 'turn' ? 'turn' : `kind-${e.kind}`];
  if (isError(e)) classes.push('error');
  return classes.join(' ');
}

function when(e, tz) {
  return h('time', { class: 'when', datetime: e.occurred_at }, dateTime(e.occurred_at, tz, { seconds: true }));
}

function turnEntry(t, n, tz) {
  const tools = Array.isArray(t.tools) && t.tools.length ? t.tools.map((x) => x.name).join(', ') : null;
  return h('li', { class: entryClass(t), dataset: { type: 'turn', event: t.event_id, status: t.status || undefined } },
    when(t, tz),
    h('span', { class: 'badge' }, `turn #${n}`),
    h('span', { class: 'what' }, h('strong', null, t.model || nr())),
    t.status === 'error' ? h('span', { class: 'pill error' }, t.error_type || 'error') : null,
    h('span', { class: 'facts' },
      h('span', { dataset: { col: 'tokens' } }, 'in ', int(t.input_tokens), ' · out ', int(t.output_tokens)),
      h('span', { dataset: { col: 'cost_usd' } }, isKnown(t.cost_usd) ? money(t.cost_usd)
        : h('span', { class: 'nr', title: 'no price for this model, or a count it needs is unknown' }, t.cost_status)),
      h('span', { dataset: { col: 'duration_ms' } }, ms(t.duration_ms)),
      tools ? h('span', { class: 'muted' }, `tools: ${tools}`) : null));
}

function activityEntry(e, tz, span) {
  const name = e.name === null ? null
    : e.kind === 'tool_call' || e.kind === 'tool_decision'
      ? h('a', { class: 'tool-link', href: toolHref(e.name, span), title: `Cost per tool: ${e.name}`, dataset: { tool: e.name } }, e.name)
      : h('strong', null, e.name);
  return h('li', { class: entryClass(e), dataset: { type: 'activity', kind: e.kind, event: e.event_id, status: e.status || undefined } },
    when(e, tz),
    h('span', { class: 'badge' }, KIND_LABELS[e.kind] || e.kind),
    h('span', { class: 'what' }, name),
    e.status && e.status !== 'ok' ? h('span', { class: `pill${isError(e) ? ' error' : ''}` }, e.status) : null,
    h('span', { class: 'facts' },
      isKnown(e.duration_ms) ? h('span', { dataset: { col: 'duration_ms' } }, ms(e.duration_ms)) : null,
      e.model ? h('span', { class: 'muted' }, e.model) : null),
    payload(e));
}

function payload(e) {
  if (e.payload_withheld) {
    return h('div', { class: 'payload withheld', title: 'Payload text is shown to developer (and admin) keys only' },
      'payload withheld');
  }
  if (e.payload === null || e.payload === undefined) return null;
  const lines = e.payload.split('\n').length;
  const long = e.payload.length > FOLD_CHARS || lines > FOLD_LINES;
  const pre = h('pre', { class: `payload${long ? ' folded' : ''}` }, e.payload);
  if (!long) return pre;
  const button = h('button', {
    type: 'button', class: 'link-button unfold', 'aria-expanded': 'false',
    onclick: () => {
      const folded = pre.classList.toggle('folded');
      button.setAttribute('aria-expanded', String(!folded));
      button.textContent = folded ? unfoldText(e.payload) : '▾ fold';
    },
  }, unfoldText(e.payload));
  return h('div', { class: 'payload-box' }, pre, button);
}

function unfoldText(text) {
  return `▸ show all ${text.length.toLocaleString('en-US')} characters`;
}

/** The session's span, to whole minutes: the range the tool link opens the overview with. */
function toolRange(entries) {
  const times = entries.map((e) => new Date(e.occurred_at).getTime());
  const from = new Date(Math.floor(Math.min(...times) / 60e3) * 60e3);
  const to = new Date(Math.floor(Math.max(...times) / 60e3) * 60e3 + 60e3);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The overview's cost per tool, filtered to {@code tool}, over the session's span (the time zone kept). */
export function toolHref(tool, span) {
  const current = parseHash();
  const next = new URLSearchParams();
  for (const [k, v] of current.params) {
    if (k === 'tz') next.append(k, v);
  }
  next.set('range', 'custom');
  next.set('from', span.from);
  next.set('to', span.to);
  next.set('tool', tool);
  return buildHash('overview', null, next);
}
