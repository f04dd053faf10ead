// Sessions: every session with a turn in the range (GET /v1/sessions), sortable by cost, tokens, turns, duration and
// last turn (the API sorts; unknown cost sorts last), paged with next_cursor; pick 2 to 5 to compare side by side.
import { h } from '../dom.js';
import { durationText, int, isKnown, nr, pct } from '../format.js';
import { Panel } from '../panel.js';
import { dateTime } from '../time.js';
import {
  exportTurnsButton, figuresCost, pagedTable, rangeText, sessionLink, tokensInOut, viewTitle,
} from './common.js';

const SORTS = ['cost', 'tokens', 'turns', 'duration', 'last_seen'];

export async function renderSessions(root, ctx) {
  const sort = SORTS.includes(ctx.params.get('sort')) ? ctx.params.get('sort') : 'cost';
  const order = ctx.params.get('order') === 'asc' ? 'asc' : 'desc';
  const selected = new Set();
  const compareButton = h('button', {
    type: 'button', id: 'compare-sessions', disabled: true,
    onclick: () => ctx.go('compare', null, { sessions: [...selected].join(',') }),
  }, 'Compare selected');
  const panel = new Panel('Sessions', {
    id: 'sessions', note: `sorted by ${sort.replace('_', ' ')}, ${order === 'desc' ? 'largest' : 'smallest'} first`,
    actions: [compareButton],
    csv: () => ({ path: '/v1/sessions', query: ctx.query({ sort, order, limit: 1000 }), filename: 'sessions.csv' }),
  });
  root.append(viewTitle('Sessions', rangeText(ctx.filter), exportTurnsButton(ctx)), panel.el);

  const onSort = (by) => {
    const nextOrder = by === sort && order === 'desc' ? 'asc' : 'desc';
    ctx.update({ sort: by, order: nextOrder });
  };
  const toggle = (id, checked) => {
    if (checked) selected.add(id);
    else selected.delete(id);
    compareButton.disabled = selected.size < 2 || selected.size > 5;
    compareButton.textContent = `Compare selected (${selected.size})`;
  };
  const columns = [
    { label: '' },
    { label: 'Session', key: 'session_id' },
    { label: 'Project', key: 'project' },
    { label: 'Agent', key: 'agent' },
    { label: 'Models', key: 'models' },
    { label: 'Turns', cls: 'num', key: 'turns', sort: 'turns' },
    { label: 'Tokens in / out', cls: 'num', key: 'tokens', sort: 'tokens', title: 'Sorted by input + output' },
    { label: 'Cost', cls: 'num', key: 'cost', sort: 'cost' },
    { label: 'Duration', cls: 'num', key: 'duration', sort: 'duration' },
    { label: 'Last turn', key: 'last_seen', sort: 'last_seen' },
    { label: 'Context peak', cls: 'num', key: 'context' },
  ];
  const row = (s) => ({
    attrs: { dataset: { session: s.session_id } },
    cells: [
      h('input', { type: 'checkbox', 'aria-label': `select ${s.session_id}`, onchange: (e) => toggle(s.session_id, e.target.checked) }),
      sessionLink(s.session_id), s.project === null ? nr() : s.project, s.agent === null ? nr() : s.agent,
      s.models.join(', '), int(s.figures.turns), tokensInOut(s.figures), figuresCost(s.figures),
      durationText(s.duration_ms), dateTime(s.last_seen, ctx.filter.tz), contextPeak(s),
    ],
  });

  await panel.run(async () => {
    const shown = await pagedTable('/v1/sessions', (extra) => ctx.query({ sort, order, limit: 50, ...extra }),
      columns, row, { moreId: 'sessions-more', allText: 'All sessions shown.', tableOptions: { onSort, sorted: sort, order } });
    if (!shown) {
      panel.empty('No sessions had a turn in this range.');
      return;
    }
    panel.show(...shown);
  });
}

/** "123,456 (62%)" of the context window, or "not reported". */
export function contextPeak(s) {
  if (!isKnown(s.context_peak_tokens)) return nr();
  return h('span', null, int(s.context_peak_tokens),
    isKnown(s.context_max_tokens) && s.context_max_tokens > 0
      ? h('span', { class: 'muted' }, ' (', pct(s.context_peak_tokens / s.context_max_tokens, 0), ')') : null);
}
