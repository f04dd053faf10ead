// Activity: the sessions (runs) with activity in the range (GET /v1/activity/sessions), latest activity first, with
// their entries counted per kind, their errors and whether they have turns; a kind filter keeps the sessions with an
// entry of that kind. Each links to its session page, whose transcript shows every entry in time order.
import { h } from '../dom.js';
import { int, nr } from '../format.js';
import { Panel } from '../panel.js';
import { dateTime } from '../time.js';
import { pagedTable, rangeText, sessionLink, viewTitle } from './common.js';
import { KIND_LABELS } from './transcript.js';

const KINDS = Object.keys(KIND_LABELS);

export async function renderActivity(root, ctx) {
  const kind = KINDS.includes(ctx.params.get('kind')) ? ctx.params.get('kind') : null;
  const query = (extra) => ctx.query({ kind, limit: 50, ...extra });
  const kindSelect = h('select', { id: 'activity-kind', onchange: (e) => ctx.update({ kind: e.target.value }) },
    h('option', { value: '' }, 'All kinds'), KINDS.map((k) => h('option', { value: k }, KIND_LABELS[k])));
  kindSelect.value = kind || '';
  const panel = new Panel('Sessions with activity', {
    id: 'activity-sessions',
    note: kind ? `with a ${KIND_LABELS[kind]} entry, latest activity first` : 'latest activity first',
    actions: [h('label', { class: 'small' }, 'Kind ', kindSelect)],
    csv: () => ({ path: '/v1/activity/sessions', query: query({ limit: 1000 }), filename: 'activity-sessions.csv' }),
  });
  root.append(viewTitle('Activity', rangeText(ctx.filter)), panel.el);

  const columns = [
    { label: 'Session', key: 'session_id' },
    { label: 'Project', key: 'project' },
    { label: 'Agent', key: 'agent' },
    { label: 'User', key: 'user_id' },
    { label: 'First activity', key: 'first_activity_at' },
    { label: 'Last activity', key: 'last_activity_at' },
    { label: 'Entries', cls: 'num', key: 'entries' },
    { label: 'Tool calls', cls: 'num', key: 'tool_call' },
    { label: 'Prompts', cls: 'num', key: 'user_prompt' },
    { label: 'Errors', cls: 'num', key: 'error_entries' },
    { label: 'Turns', key: 'has_turns', title: 'Whether the session has turns (its cost is on its page)' },
  ];
  const tz = ctx.filter.tz;
  const row = (s) => ({
    attrs: { dataset: { session: s.session_id }, class: s.error_entries > 0 ? 'has-errors' : null },
    cells: [
      sessionLink(s.session_id), s.project ?? nr(), s.agent ?? nr(), s.user_id ?? nr(),
      dateTime(s.first_activity_at, tz), dateTime(s.last_activity_at, tz), int(s.entries), int(s.kinds.tool_call),
      int(s.kinds.user_prompt),
      s.error_entries > 0 ? h('span', { class: 'errors' }, int(s.error_entries)) : int(s.error_entries),
      s.has_turns ? 'yes' : h('span', { class: 'muted' }, 'none'),
    ],
  });

  await panel.run(async () => {
    const shown = await pagedTable('/v1/activity/sessions', query, columns, row,
      { moreId: 'activity-more', allText: 'All sessions with activity shown.' });
    if (!shown) {
      panel.empty(kind ? `No session had a ${KIND_LABELS[kind]} entry in this range.`
        : 'No session reported activity in this range.');
      return;
    }
    panel.show(...shown);
  });
}
