// One session (GET /v1/sessions/{id}): totals, its turns on a timeline, per-turn tokens, cost and latency,
// context-window use with warnings at 80, 90 and 95%, and its transcript (turns and activity, views/transcript.js).
import { getAll } from '../api.js';
import { PALETTE, bar, canvasBox, custom, line, thresholdPlugin } from '../charts.js';
import { h, table } from '../dom.js';
import {
  durationText, int, intText, isKnown, money, ms, nr, pct, pctText,
} from '../format.js';
import { Panel } from '../panel.js';
import { dateTime } from '../time.js';
import { card, figuresCost, num, viewTitle } from './common.js';
import { transcriptPanel } from './transcript.js';

/** Context-window levels, highest first. */
export const CONTEXT_LEVELS = [
  { at: 0.95, level: 'critical', label: '95%' },
  { at: 0.90, level: 'high', label: '90%' },
  { at: 0.80, level: 'warn', label: '80%' },
];

export function contextRatio(t) {
  return isKnown(t.context_used_tokens) && isKnown(t.context_max_tokens) && t.context_max_tokens > 0
    ? t.context_used_tokens / t.context_max_tokens : null;
}

export function contextLevel(ratio) {
  if (ratio === null) return null;
  const hit = CONTEXT_LEVELS.find((l) => ratio >= l.at);
  return hit ? hit.level : null;
}

export async function renderSession(root, ctx) {
  const id = ctx.id;
  const tz = ctx.filter.tz;
  const back = h('a', { href: '#', onclick: (e) => { e.preventDefault(); ctx.go('sessions'); } }, '← Sessions');
  const head = new Panel('Session', {
    id: 'session',
    csv: () => ({ path: `/v1/sessions/${encodeURIComponent(id)}`, query: { limit: 1000 }, filename: `session-${id}-turns.csv` }),
  });
  root.append(h('div', null, back), viewTitle(`Session ${id}`), head.el);

  await head.run(async () => {
    const s = await getAll(`/v1/sessions/${encodeURIComponent(id)}`, { limit: 1000 },
      (a, b) => ({ ...a, turns: [...a.turns, ...b.turns], next_cursor: b.next_cursor }));
    renderDetail(root, head, s, tz);
  });
  // After the turns' panels, and whatever they showed: a session may have activity and no turns.
  const transcript = transcriptPanel(id, tz);
  root.append(transcript.panel.el);
  await transcript.load();
}

function renderDetail(root, head, s, tz) {
  const f = s.figures;
  const turns = s.turns;
  const peak = isKnown(s.context_peak_tokens) && isKnown(s.context_max_tokens) && s.context_max_tokens > 0
    ? s.context_peak_tokens / s.context_max_tokens : null;
  head.note(`${dateTime(s.first_seen, tz, { seconds: true })} → ${dateTime(s.last_seen, tz, { seconds: true })} (${tz})`);
  head.show(
    h('div', { class: 'small', style: 'margin-bottom: 10px' },
      'Project ', s.project === null ? nr() : h('strong', null, s.project),
      ' · agent ', s.agent === null ? nr() : h('strong', null, s.agent),
      ' · user ', s.user_id === null ? nr() : h('strong', null, s.user_id),
      s.recording_ids.length ? ` · recordings ${s.recording_ids.join(', ')}` : ''),
    h('div', { class: 'cards' },
      card('Turns', int(f.turns), { metric: 'turns', sub: `${intText(f.error_turns)} errors` }),
      card('Cost', figuresCost(f), {
        metric: 'cost_usd',
        sub: f.unpriced_turns || f.incomplete_cost_turns
          ? `${f.unpriced_turns} unpriced, ${f.incomplete_cost_turns} incomplete turns` : 'every turn priced',
      }),
      card('Input tokens', int(f.input_tokens), { metric: 'input_tokens', sub: `reported by ${f.input_tokens_turns} of ${f.turns} turns` }),
      card('Output tokens', int(f.output_tokens), { metric: 'output_tokens', sub: `reported by ${f.output_tokens_turns} of ${f.turns} turns` }),
      card('Duration', durationText(s.duration_ms), { metric: 'duration', sub: 'first to last turn' }),
      card('Latency p50 / p95', h('span', null, ms(f.latency_p50_ms), ' / ', ms(f.latency_p95_ms)), {
        metric: 'latency', sub: `${f.duration_turns} turns reported a duration`,
      }),
      card('Context peak', peak === null ? (isKnown(s.context_peak_tokens) ? int(s.context_peak_tokens) : nr()) : pct(peak, 0), {
        metric: 'context_peak',
        sub: isKnown(s.context_peak_tokens)
          ? `${intText(s.context_peak_tokens)} of ${intText(s.context_max_tokens)} tokens` : 'no turn reported its context window',
        cls: contextLevel(peak) ? `ctx-${contextLevel(peak)}` : '',
      })),
  );

  const warnings = contextWarnings(turns);
  if (warnings) root.append(warnings);

  const timeline = new Panel('Timeline', { id: 'timeline', note: 'each turn from its start to its end; red: error' });
  const tokens = new Panel('Tokens per turn', { id: 'turn-tokens' });
  const cost = new Panel('Cost per turn', { id: 'turn-cost' });
  const latency = new Panel('Latency per turn', { id: 'turn-latency' });
  const context = new Panel('Context window use', { id: 'turn-context', note: 'warnings at 80, 90 and 95%' });
  const models = new Panel('Models in this session', { id: 'session-models' });
  const list = new Panel('Turns', { id: 'turns', note: `${turns.length} turns in time order` });
  root.append(timeline.el,
    h('div', { class: 'grid two' }, tokens.el, cost.el),
    h('div', { class: 'grid two' }, latency.el, context.el),
    models.el, list.el);

  if (!turns.length) {
    [timeline, tokens, cost, latency, context, list].forEach((p) => p.empty('This session has no turns.'));
  } else {
    timeline.show(renderTimeline(turns, tz));
    const labels = turns.map((t, i) => `#${i + 1}`);
    const tk = canvasBox('turn-tokens-chart');
    tokens.show(tk.box);
    bar(tk.canvas, labels, [
      { label: 'Input', data: turns.map((t) => num(t.input_tokens)) },
      { label: 'Output', data: turns.map((t) => num(t.output_tokens)) },
    ], { kind: 'compact', stacked: true });
    const cs = canvasBox('turn-cost-chart');
    cost.show(cs.box);
    bar(cs.canvas, labels, [{ label: 'Cost', data: turns.map((t) => num(t.cost_usd)), color: PALETTE[2] }], { kind: 'money' });
    const lt = canvasBox('turn-latency-chart');
    if (turns.every((t) => !isKnown(t.duration_ms))) latency.empty('No turn reported its duration.');
    else {
      latency.show(lt.box);
      line(lt.canvas, labels, [{ label: 'Latency', data: turns.map((t) => num(t.duration_ms)), color: PALETTE[4] }], { kind: 'ms' });
    }
    if (turns.every((t) => contextRatio(t) === null)) context.empty('No turn reported its context window (used and max tokens).');
    else {
      const cx = canvasBox('turn-context-chart');
      context.show(cx.box);
      custom(cx.canvas, {
        type: 'line',
        data: {
          labels,
          datasets: [{
            label: 'Context used', data: turns.map((t) => { const r = contextRatio(t); return r === null ? null : r * 100; }),
            borderColor: PALETTE[0], backgroundColor: PALETTE[0] + '22', fill: true, spanGaps: false, pointRadius: 2,
          }],
        },
        options: {
          scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
          plugins: {
            thresholds: { lines: [{ value: 80, color: '#f79009', label: '80%' }, { value: 90, color: '#e8590c', label: '90%' },
              { value: 95, color: '#d92d20', label: '95%' }] },
            tooltip: { callbacks: { label: (c) => (c.raw === null ? 'not reported' : `${c.raw.toFixed(1)}% of the window`) } },
          },
        },
        plugins: [thresholdPlugin],
      });
    }
    list.show(turnsTable(turns, tz));
  }
  models.show(table([
    { label: 'Model' }, { label: 'Turns', cls: 'num' }, { label: 'Cost', cls: 'num' }, { label: 'Input tokens', cls: 'num' },
    { label: 'Output tokens', cls: 'num' }, { label: 'Latency p50', cls: 'num' },
  ], s.models.map((m) => ({
    attrs: { dataset: { model: m.model } },
    cells: [m.model, int(m.figures.turns), figuresCost(m.figures), int(m.figures.input_tokens), int(m.figures.output_tokens),
      ms(m.figures.latency_p50_ms)],
  }))));
}

function contextWarnings(turns) {
  const firsts = CONTEXT_LEVELS.map((l) => ({ ...l, turn: turns.findIndex((t) => { const r = contextRatio(t); return r !== null && r >= l.at; }) }))
    .filter((l) => l.turn >= 0);
  if (!firsts.length) return null;
  const worst = firsts[0];
  return h('div', { class: `banner ${worst.level}`, role: 'alert', dataset: { testid: 'context-warning', level: worst.level } },
    h('strong', null, `Context window above ${worst.label}. `),
    firsts.map((l) => `Turn #${l.turn + 1} first used ${l.label} or more. `).join(''),
    'Long contexts cost more per turn and may be truncated.');
}

function turnsTable(turns, tz) {
  const columns = [
    { label: '#', cls: 'num' }, { label: 'Time' }, { label: 'Model' }, { label: 'Agent' }, { label: 'Status' },
    { label: 'Input', cls: 'num', key: 'input_tokens' }, { label: 'Output', cls: 'num', key: 'output_tokens' },
    { label: 'Cache read', cls: 'num', key: 'cache_read_tokens' }, { label: 'Reasoning', cls: 'num', key: 'reasoning_tokens' },
    { label: 'Cost', cls: 'num', key: 'cost_usd' }, { label: 'Latency', cls: 'num', key: 'duration_ms' },
    { label: 'Context used', cls: 'num', key: 'context' }, { label: 'Tools' },
  ];
  return table(columns, turns.map((t, i) => {
    const ratio = contextRatio(t);
    const level = contextLevel(ratio);
    const contextCell = h('td', { class: `num${level ? ` ctx-${level}` : ''}`, dataset: { col: 'context', level: level || undefined } },
      ratio === null ? (isKnown(t.context_used_tokens) ? int(t.context_used_tokens) : nr())
        : h('span', { title: `${intText(t.context_used_tokens)} of ${intText(t.context_max_tokens)} tokens` }, pctText(ratio, 0)));
    const tools = Array.isArray(t.tools) && t.tools.length ? t.tools.map((x) => x.name).join(', ') : '';
    return {
      attrs: { dataset: { event: t.event_id } },
      cells: [String(i + 1), dateTime(t.occurred_at, tz, { seconds: true }), t.model, t.agent === null ? nr() : t.agent,
        t.status === 'error' ? h('span', { class: 'pill error' }, t.error_type || 'error') : (t.status === null ? nr() : t.status),
        int(t.input_tokens), int(t.output_tokens), int(t.cache_read_tokens), int(t.reasoning_tokens),
        isKnown(t.cost_usd) ? money(t.cost_usd) : h('span', { class: 'nr', title: 'no price for this model, or a count it needs is unknown' }, t.cost_status),
        ms(t.duration_ms), contextCell, tools],
    };
  }));
}

/** SVG timeline: one lane per model, each turn from occurred_at - duration_ms to occurred_at. */
function renderTimeline(turns, tz) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, ...kids) => {
    const el = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, String(v)));
    kids.forEach((k) => el.appendChild(typeof k === 'string' ? document.createTextNode(k) : k));
    return el;
  };
  const ends = turns.map((t) => new Date(t.occurred_at).getTime());
  const starts = turns.map((t, i) => ends[i] - (isKnown(t.duration_ms) ? t.duration_ms : 0));
  const t0 = Math.min(...starts);
  const t1 = Math.max(...ends);
  const span = Math.max(1, t1 - t0);
  const models = [...new Set(turns.map((t) => t.model))];
  const laneH = 18;
  const W = 1000;
  const left = 150;
  const height = models.length * laneH + 24;
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, preserveAspectRatio: 'none', style: `height: ${height}px`, id: 'timeline-svg' });
  models.forEach((m, i) => {
    root.appendChild(svg('text', { x: 4, y: i * laneH + 13, class: 'axis' }, m.length > 24 ? `${m.slice(0, 23)}…` : m));
    root.appendChild(svg('line', { x1: left, x2: W, y1: i * laneH + laneH - 1, y2: i * laneH + laneH - 1, stroke: '#eef0f4' }));
  });
  const x = (ms) => left + ((ms - t0) / span) * (W - left - 6);
  turns.forEach((t, i) => {
    const lane = models.indexOf(t.model);
    const w = Math.max(3, x(ends[i]) - x(starts[i]));
    const rect = svg('rect', {
      x: x(starts[i]), y: lane * laneH + 3, width: w, height: laneH - 7, rx: 2,
      fill: t.status === 'error' ? '#d92d20' : PALETTE[lane % PALETTE.length], 'data-turn': i + 1,
    });
    rect.appendChild(svg('title', {}, `#${i + 1} ${t.model} · ${dateTime(t.occurred_at, tz, { seconds: true })} · `
      + `${isKnown(t.duration_ms) ? `${t.duration_ms} ms` : 'duration not reported'} · `
      + `${isKnown(t.cost_usd) ? `$${t.cost_usd}` : t.cost_status}`));
    root.appendChild(rect);
  });
  root.appendChild(svg('text', { x: left, y: height - 4, class: 'axis' }, dateTime(new Date(t0), tz, { seconds: true })));
  root.appendChild(svg('text', { x: W - 4, y: height - 4, class: 'axis', 'text-anchor': 'end' }, dateTime(new Date(t1), tz, { seconds: true })));
  return h('div', { class: 'timeline' }, root);
}
