// Overview: summary cards with the change against the previous period, burn rate, time series, breakdowns, the
// per-tool table, the day x hour heatmap, top sessions and (when live) new turns and active sessions.
import { get } from '../api.js';
import { bar, canvasBox, line, pie } from '../charts.js';
import { h, replace, table } from '../dom.js';
import {
  change, costOf, coverageText, durationText, groupLabel, int, intText, isKnown, money, nr, pct, pctText,
} from '../format.js';
import { Panel } from '../panel.js';
import { intervalOf } from '../state.js';
import { bucketLabel, dateTime } from '../time.js';
import {
  card, exportTurnsButton, figuresCost, num, rangeText, seriesAll, sessionLink, tokensInOut, viewTitle,
} from './common.js';

export const TOKEN_KINDS = [
  ['input_tokens', 'Input'],
  ['output_tokens', 'Output'],
  ['cache_read_tokens', 'Cache read'],
  ['cache_write_tokens', 'Cache write'],
  ['cache_write_1h_tokens', 'Cache write (1h)'],
  ['reasoning_tokens', 'Reasoning'],
  ['total_tokens', 'Total (as reported)'],
];

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export async function renderOverview(root, ctx) {
  const f = ctx.filter;
  const interval = intervalOf(f);
  const csv = (path, extra, filename) => () => ({ path, query: ctx.query(extra), filename });

  const banner = h('div', { class: 'banner empty', hidden: true, dataset: { testid: 'empty-banner' } });
  const summary = new Panel('Summary', { id: 'summary', note: 'vs the previous period of equal length',
    csv: csv('/v1/summary', {}, 'summary.csv') });
  const burn = new Panel('Burn rate', { id: 'burn-rate',
    csv: () => ({ path: '/v1/burn-rate', query: burnQuery(ctx), filename: 'burn-rate.csv' }) });
  const tokens = new Panel('Tokens in / out over time', { id: 'tokens-series', note: `per ${interval}`,
    csv: csv('/v1/series', { metric: 'input_tokens', interval }, 'input-tokens.csv') });
  const costByModelSeries = new Panel('Cost over time by model', { id: 'cost-series', note: `per ${interval}`,
    csv: csv('/v1/series', { metric: 'cost', interval, group_by: 'model' }, 'cost-by-model-series.csv') });
  const latency = new Panel('Latency p50 / p95 / p99', { id: 'latency-series', note: `per ${interval}`,
    csv: csv('/v1/series', { metric: 'latency_p95_ms', interval }, 'latency-p95.csv') });
  const costByModel = new Panel('Cost by model', { id: 'cost-by-model',
    csv: csv('/v1/breakdown', { by: 'model', metric: 'cost' }, 'cost-by-model.csv') });
  const costByAgent = new Panel('Cost by agent', { id: 'cost-by-agent',
    csv: csv('/v1/breakdown', { by: 'agent', metric: 'cost' }, 'cost-by-agent.csv') });
  const agentPie = new Panel('Cost by agent role', { id: 'cost-by-role',
    csv: csv('/v1/breakdown', { by: 'agent', metric: 'cost' }, 'cost-by-agent.csv') });
  const tools = new Panel('Cost per tool', { id: 'tools', note: 'a turn that called several tools counts for each',
    csv: csv('/v1/breakdown', { by: 'tool', metric: 'cost' }, 'cost-by-tool.csv') });
  const heatMetric = h('select', { id: 'heatmap-metric', 'aria-label': 'Heatmap metric' },
    ['turns', 'cost', 'input_tokens', 'output_tokens', 'errors'].map((m) => h('option', { value: m }, m)));
  heatMetric.value = ctx.params.get('heat') || 'turns';
  const heatmap = new Panel('Day × hour', { id: 'heatmap', note: `in ${f.tz}`, actions: [heatMetric],
    csv: () => ({ path: '/v1/heatmap', query: ctx.query({ metric: heatMetric.value }), filename: 'heatmap.csv' }) });
  const top = new Panel('Top sessions by cost', { id: 'top-sessions',
    actions: [h('a', { href: '#', onclick: (e) => { e.preventDefault(); ctx.go('sessions'); } }, 'All sessions →')],
    csv: csv('/v1/sessions', { sort: 'cost', limit: 5 }, 'top-sessions.csv') });

  const livePanel = ctx.live.enabled ? new Panel('Live', { id: 'live', note: 'new turns and active sessions' }) : null;
  root.append(...[
    viewTitle('Overview', rangeText(f), exportTurnsButton(ctx)),
    banner,
    summary.el,
    h('div', { class: 'grid two' }, burn.el, livePanel ? livePanel.el : top.el),
    h('div', { class: 'grid two' }, tokens.el, costByModelSeries.el),
    h('div', { class: 'grid two' }, latency.el, costByModel.el),
    h('div', { class: 'grid two' }, costByAgent.el, agentPie.el),
    h('div', { class: 'grid two' }, tools.el, heatmap.el),
    livePanel ? top.el : null,
  ].filter(Boolean));

  const agentBreakdown = get('/v1/breakdown', ctx.query({ by: 'agent', metric: 'cost' }));
  agentBreakdown.catch(() => {});
  heatMetric.addEventListener('change', () => {
    ctx.update({ heat: heatMetric.value === 'turns' ? null : heatMetric.value });
  });

  if (livePanel) renderLive(livePanel, ctx);
  await Promise.all([
    summary.run(() => renderSummary(summary, banner, ctx)),
    burn.run(() => renderBurn(burn, ctx)),
    tokens.run(() => renderTokens(tokens, ctx, interval)),
    costByModelSeries.run(() => renderCostSeries(costByModelSeries, ctx, interval)),
    latency.run(() => renderLatency(latency, ctx, interval)),
    costByModel.run(() => renderBreakdownBar(costByModel, get('/v1/breakdown', ctx.query({ by: 'model', metric: 'cost' })), 'cost-by-model-chart')),
    costByAgent.run(() => renderBreakdownBar(costByAgent, agentBreakdown, 'cost-by-agent-chart')),
    agentPie.run(() => renderPie(agentPie, agentBreakdown)),
    tools.run(() => renderTools(tools, ctx)),
    heatmap.run(() => renderHeatmap(heatmap, ctx, heatMetric.value)),
    top.run(() => renderTop(top, ctx)),
  ]);
}

function burnQuery(ctx) {
  const f = ctx.filter;
  const q = { tz: f.tz, project: f.project, agent: f.agent, model: f.model };
  // A past range: the burn rate as it was at its end; a range ending now: as of now.
  if (!f.relative) q.at = f.to.toISOString();
  return q;
}

async function renderSummary(panel, banner, ctx) {
  const s = await get('/v1/summary', ctx.query());
  const cur = s.current.figures;
  const prev = s.previous.figures;
  if (cur.turns === 0) {
    banner.hidden = false;
    banner.textContent = `No turns in this range${ctx.filter.project || ctx.filter.agent || ctx.filter.model
      ? ' for these filters' : ''}. Try a longer range or clear the filters.`;
    panel.empty(`No turns between ${dateTime(s.current.from, ctx.filter.tz)} and ${dateTime(s.current.to, ctx.filter.tz)}`
      + ` (previous period: ${intText(prev.turns)} turns).`);
    return;
  }
  const costSub = isKnown(cur.cost_usd)
    ? coverageText(cur.cost_turns, cur.turns, 'known for')
    : `${intText(cur.unpriced_turns)} unpriced, ${intText(cur.incomplete_cost_turns)} incomplete turns`;
  const kinds = table(
    [{ label: 'Kind' }, { label: 'Tokens', cls: 'value' }, { label: 'Reported by', cls: 'cov' }, { label: 'Change', cls: 'change' }],
    TOKEN_KINDS.map(([key, label]) => ({
      attrs: { dataset: { metric: key } },
      cells: [label, h('span', { class: 'value' }, int(cur[key])),
        `${intText(cur[`${key}_turns`])} / ${intText(cur.turns)}`, change(cur[key], prev[key])],
    })), { cls: 'kinds' });
  kinds.querySelectorAll('td').forEach((td, i) => { td.className = ['', 'value', 'cov', 'change'][i % 4]; });
  const coverage = cur.turns ? cur.cost_turns / cur.turns : null;
  const prevCoverage = prev.turns ? prev.cost_turns / prev.turns : null;
  const reported = (key) => pctText(cur.turns ? cur[key] / cur.turns : null, 0);
  panel.show(h('div', { class: 'cards' },
    card('Cost', money(cur.cost_usd), { metric: 'cost_usd', sub: costSub, changeEl: change(cur.cost_usd, prev.cost_usd) }),
    card('Turns', int(cur.turns), {
      metric: 'turns', sub: `${intText(cur.error_turns)} errors (${pctText(cur.error_rate)})`,
      changeEl: change(cur.turns, prev.turns),
    }),
    card('Sessions', int(s.current.sessions), { metric: 'sessions', changeEl: change(s.current.sessions, s.previous.sessions) }),
    card('Cost coverage', pct(coverage), {
      metric: 'cost_coverage',
      sub: `input reported ${reported('input_tokens_turns')}, output ${reported('output_tokens_turns')},`
        + ` latency ${reported('duration_turns')}`,
      changeEl: change(coverage, prevCoverage, { points: true }),
    }),
    card('Unpriced turns', int(cur.unpriced_turns), {
      metric: 'unpriced_turns',
      sub: `+ ${intText(cur.incomplete_cost_turns)} incomplete: their cost is unknown, not $0`,
      changeEl: change(cur.unpriced_turns, prev.unpriced_turns),
    }),
    card('Tokens by kind', kinds, { metric: 'tokens', cls: 'wide' }),
  ));
}

async function renderBurn(panel, ctx) {
  const b = await get('/v1/burn-rate', burnQuery(ctx));
  const why = (w) => (w.turns > 0 && !isKnown(w.cost_usd) ? `${w.turns} turns, none with a known cost` : null);
  panel.note(`as of ${dateTime(b.at, ctx.filter.tz)} (${b.tz})`);
  panel.show(h('div', { class: 'cards' },
    card('Cost per hour', money(b.cost_per_hour_usd), { metric: 'cost_per_hour_usd', sub: why(b.last_hour) || 'the last hour' }),
    card('Cost per day', money(b.cost_per_day_usd), { metric: 'cost_per_day_usd', sub: why(b.last_24_hours) || 'the last 24 hours' }),
    card('Today so far', costOf(b.today.cost_usd, b.today.turns), { metric: 'today', sub: `${intText(b.today.turns)} turns` }),
    card('Projected end of day', money(b.projected_end_of_day_usd), {
      metric: 'projected_end_of_day_usd', sub: `at this hour's pace, until ${dateTime(b.end_of_day, ctx.filter.tz)}`,
    }),
    card('This month so far', costOf(b.this_month.cost_usd, b.this_month.turns), { metric: 'this_month', sub: `${intText(b.this_month.turns)} turns` }),
    card('Projected end of month', money(b.projected_end_of_month_usd), {
      metric: 'projected_end_of_month_usd', sub: 'at the last 24 hours\' pace',
    }),
  ));
}

/**
 * A series point for a chart: a bucket without turns is 0 for sums (nothing happened) and a gap for latencies; a
 * bucket whose turns did not report the value is a gap (not reported), never 0.
 */
export function pointValue(p, additive = true) {
  if (p.turns === 0) return additive ? 0 : null;
  return num(p.value);
}

function allEmpty(series) {
  return series.series.every((g) => g.points.every((p) => p.turns === 0));
}

async function renderTokens(panel, ctx, interval) {
  const [input, output] = await Promise.all([
    seriesAll(ctx.query({ metric: 'input_tokens', interval })),
    seriesAll(ctx.query({ metric: 'output_tokens', interval })),
  ]);
  if (allEmpty(input)) {
    panel.empty('No turns in this range.');
    return;
  }
  const labels = input.buckets.map((b) => bucketLabel(b, interval, ctx.filter.tz));
  const { box, canvas } = canvasBox('tokens-chart');
  panel.show(box);
  line(canvas, labels, [
    { label: 'Input tokens', data: input.series[0].points.map((p) => pointValue(p)) },
    { label: 'Output tokens', data: output.series[0].points.map((p) => pointValue(p)) },
  ], { kind: 'compact' });
}

async function renderCostSeries(panel, ctx, interval) {
  const s = await seriesAll(ctx.query({ metric: 'cost', interval, group_by: 'model' }));
  if (allEmpty(s)) {
    panel.empty('No turns in this range.');
    return;
  }
  const labels = s.buckets.map((b) => bucketLabel(b, interval, ctx.filter.tz));
  const { box, canvas } = canvasBox('cost-series-chart');
  panel.show(box);
  line(canvas, labels, s.series.map((g) => ({ label: groupLabel(g.group), data: g.points.map((p) => pointValue(p)) })),
    { kind: 'money' });
}

async function renderLatency(panel, ctx, interval) {
  const metrics = ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms'];
  const all = await Promise.all(metrics.map((metric) => seriesAll(ctx.query({ metric, interval }))));
  if (all[0].series[0].points.every((p) => p.coverage === 0)) {
    panel.empty(allEmpty(all[0]) ? 'No turns in this range.' : 'No turn in this range reported a duration.');
    return;
  }
  const labels = all[0].buckets.map((b) => bucketLabel(b, interval, ctx.filter.tz));
  const { box, canvas } = canvasBox('latency-chart');
  panel.show(box);
  line(canvas, labels, all.map((s, i) => ({ label: ['p50', 'p95', 'p99'][i], data: s.series[0].points.map((p) => pointValue(p, false)) })),
    { kind: 'ms' });
}

function unpricedNote(items) {
  const unpriced = items.reduce((n, it) => n + it.figures.unpriced_turns + it.figures.incomplete_cost_turns, 0);
  return unpriced ? `${intText(unpriced)} turns without a known cost are not in the bars` : '';
}

async function renderBreakdownBar(panel, answerPromise, canvasId) {
  const b = await answerPromise;
  if (!b.items.length) {
    panel.empty('No turns in this range.');
    return;
  }
  panel.note(unpricedNote(b.items));
  const { box, canvas } = canvasBox(canvasId);
  const notPriced = b.items.filter((it) => !isKnown(it.value)).map((it) => groupLabel(it.group));
  panel.show(box, notPriced.length
    ? h('div', { class: 'small muted' }, `Cost not reported for: ${notPriced.join(', ')}`) : null);
  bar(canvas, b.items.map((it) => groupLabel(it.group)), [{ label: 'Cost', data: b.items.map((it) => num(it.value)) }],
    { kind: 'money', horizontal: b.items.length > 6 });
}

async function renderPie(panel, answerPromise) {
  const b = await answerPromise;
  const known = b.items.filter((it) => isKnown(it.value) && Number(it.value) > 0);
  if (!known.length) {
    panel.empty(b.items.length ? 'No agent has a known cost in this range.' : 'No turns in this range.');
    return;
  }
  const { box, canvas } = canvasBox('cost-by-role-chart');
  panel.show(box);
  pie(canvas, known.map((it) => groupLabel(it.group)), known.map((it) => Number(it.value)));
}

async function renderTools(panel, ctx) {
  const b = await get('/v1/breakdown', ctx.query({ by: 'tool', metric: 'cost' }));
  // #/overview?tool=bash (a transcript's tool link): that tool's row only, with the way back to all of them.
  const only = ctx.params.get('tool');
  panel.el.dataset.tool = only || '';
  const items = only ? b.items.filter((it) => it.group === only) : b.items;
  const back = only ? h('div', { class: 'small', dataset: { testid: 'tool-filter' } }, `Tool ${only} only · `,
    h('a', { href: '#', onclick: (e) => { e.preventDefault(); ctx.update({ tool: null }); } }, 'all tools')) : null;
  if (!items.length) {
    panel.empty(only ? `No turn in this range reported the tool ${only}.` : 'No turn in this range reported a tool.');
    if (back) panel.body.prepend(back);
    return;
  }
  panel.show(back, table([
    { label: 'Tool', key: 'group' }, { label: 'Cost', cls: 'num', key: 'cost' }, { label: 'Share', cls: 'num', key: 'share' },
    { label: 'Turns', cls: 'num', key: 'turns' }, { label: 'Unpriced', cls: 'num', key: 'unpriced' },
    { label: 'Tokens in / out', cls: 'num', key: 'tokens' },
  ], items.map((it) => ({
    attrs: { dataset: { group: it.group === null ? '' : it.group } },
    cells: [groupLabel(it.group), money(it.value), pct(it.share), int(it.figures.turns),
      int(it.figures.unpriced_turns + it.figures.incomplete_cost_turns), tokensInOut(it.figures)],
  }))));
  if (only) panel.el.scrollIntoView({ block: 'start' });
}

async function renderHeatmap(panel, ctx, metric) {
  const m = await get('/v1/heatmap', ctx.query({ metric }));
  if (m.cells.every((c) => c.turns === 0)) {
    panel.empty('No turns in this range.');
    return;
  }
  const values = m.cells.map((c) => num(c.value)).filter((v) => v !== null);
  const max = Math.max(0, ...values);
  const cell = (c) => {
    const v = num(c.value);
    const fmt = metric === 'cost' ? (isKnown(c.value) ? `$${c.value}` : 'not reported') : intText(c.value);
    const title = `${WEEKDAYS[c.weekday - 1]} ${String(c.hour).padStart(2, '0')}:00 · ${metric}: ${c.turns ? fmt : 'no turns'}`
      + ` (${c.turns} turns)`;
    const attrs = { title, dataset: { weekday: c.weekday, hour: c.hour, value: v === null ? 'null' : String(c.value), turns: c.turns } };
    if (c.turns > 0 && v === null) return h('td', { ...attrs, class: 'nr' });
    const alpha = v && max ? 0.12 + 0.88 * (v / max) : 0;
    return h('td', { ...attrs, style: alpha ? `background: rgba(59, 91, 219, ${alpha.toFixed(3)})` : null });
  };
  const rows = [1, 2, 3, 4, 5, 6, 7].map((d) => h('tr', null, h('th', { class: 'day' }, WEEKDAYS[d - 1]),
    m.cells.filter((c) => c.weekday === d).sort((a, b) => a.hour - b.hour).map(cell)));
  const head = h('tr', null, h('th', { class: 'day' }), Array.from({ length: 24 }, (_, i) => h('th', null, i % 3 === 0 ? String(i) : '')));
  panel.show(h('table', { class: 'heatmap', id: 'heatmap-table' }, h('thead', null, head), h('tbody', null, rows)),
    h('div', { class: 'legend' }, '0', h('span', { class: 'swatch' }), metric === 'cost' ? `$${max.toFixed(2)}` : intText(max),
      h('span', { class: 'nr', style: 'margin-left: 12px' }, 'striped: turns without the value (not reported)')));
}

async function renderTop(panel, ctx) {
  const page = await get('/v1/sessions', ctx.query({ sort: 'cost', order: 'desc', limit: 5 }));
  if (!page.items.length) {
    panel.empty('No sessions in this range.');
    return;
  }
  panel.show(table([
    { label: 'Session' }, { label: 'Agent' }, { label: 'Turns', cls: 'num' }, { label: 'Cost', cls: 'num' },
    { label: 'Duration', cls: 'num' },
  ], page.items.map((s) => ({
    attrs: { dataset: { session: s.session_id } },
    cells: [sessionLink(s.session_id), s.agent === null ? nr() : s.agent, int(s.figures.turns), figuresCost(s.figures),
      durationText(s.duration_ms)],
  }))));
}

function renderLive(panel, ctx) {
  panel.loading('Connecting to the live stream…');
  let shown = null;
  ctx.live.onUpdate((u) => {
    if (!ctx.alive()) return;
    if (u.state === 'connecting' && u.active === null) return;
    if (u.state === 'error' && u.active === null) {
      panel.error(u.error || new Error('the live stream is not reachable'));
      return;
    }
    if (u.active === null) return;
    if (shown === null) shown = u.newTurns;
    const tz = ctx.filter.tz;
    const windowText = u.windowSeconds ? `${Math.round(u.windowSeconds / 60)} minutes` : 'few minutes';
    const refresh = u.newTurns > shown && ctx.filter.relative
      ? h('button', { type: 'button', class: 'primary', id: 'live-refresh', onclick: () => window.dispatchEvent(new HashChangeEvent('hashchange')) },
        'Refresh figures') : null;
    const sessions = u.active.length
      ? h('ul', { class: 'live-list', id: 'live-sessions' }, u.active.map((s) => h('li', { dataset: { session: s.session_id } },
        sessionLink(s.session_id), h('span', { class: 'muted' }, `last turn ${dateTime(s.last_seen, tz, { seconds: true })}`),
        h('span', null, `${intText(s.figures.turns)} turns`), figuresCost(s.figures))))
      : h('div', { class: 'state empty' }, `No session had a turn in the last ${windowText}.`);
    const turns = u.recent.length
      ? h('ul', { class: 'live-list', id: 'live-turns' }, u.recent.map((t) => h('li', { dataset: { event: t.event_id } },
        h('span', { class: 'muted' }, dateTime(t.occurred_at, tz, { seconds: true })), sessionLink(t.session_id),
        h('span', null, t.model), h('span', null, 'in ', int(t.input_tokens), ' · out ', int(t.output_tokens)),
        t.cost_usd === null ? h('span', { class: 'muted' }, t.cost_status === 'unpriced' ? 'unpriced' : nr()) : money(t.cost_usd))))
      : h('div', { class: 'state empty' }, 'No new turn since the stream opened.');
    const state = u.state === 'open' ? `Connected; turns are pushed as they are stored. Latest event ${u.at ? dateTime(u.at, tz, { seconds: true }) : '—'}.`
      : u.state === 'error' ? `Disconnected (${u.error && u.error.describe ? u.error.describe() : (u.error ? u.error.message : '')}); retrying at ${dateTime(u.retryAt, tz, { seconds: true })}.`
        : 'Reconnecting…';
    panel.show(
      h('div', { class: 'cards' },
        card('New turns', int(u.newTurns), { metric: 'live_new_turns', sub: `since ${dateTime(u.since, tz, { seconds: true })}` }),
        card('Their cost', costOf(u.newCost, u.newTurns), { metric: 'live_new_cost' }),
        card('Active sessions', int(u.active.length), { metric: 'live_active', sub: `a turn in the last ${windowText}` })),
      h('div', { class: 'grid two' },
        h('div', null, h('h3', { style: 'margin: 12px 0 6px' }, 'Active sessions'), sessions),
        h('div', null, h('h3', { style: 'margin: 12px 0 6px' }, 'New turns'), turns)),
      refresh,
      h('div', { class: 'small muted', style: 'margin-top: 6px', dataset: { liveState: u.state } }, state));
  });
}
