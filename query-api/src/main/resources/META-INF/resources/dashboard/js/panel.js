// A panel: title, optional CSV export button, and a body that is in one of four states: loading, error, empty or
// content. Each panel loads on its own, so one failing endpoint leaves the rest of the view working.
import { h, replace } from './dom.js';
import { downloadCsv } from './api.js';

export class Panel {
  /**
   * @param title   heading
   * @param options id (data-panel), note (small text next to the title), csv: () => ({path, query, filename}),
   *                actions: extra header elements, cls: extra class
   */
  constructor(title, { id, note, csv, actions = [], cls = '' } = {}) {
    this.title = title;
    this.body = h('div', { class: 'panel-body' });
    const buttons = [...actions];
    if (csv) {
      buttons.push(h('button', {
        type: 'button', class: 'csv', dataset: { csv: id }, title: 'Download this data as CSV (same endpoint, format=csv)',
        onclick: async (e) => {
          const button = e.currentTarget;
          const spec = csv();
          button.disabled = true;
          try {
            await downloadCsv(spec.path, spec.query, spec.filename);
          } catch (err) {
            this.flash(`CSV export failed: ${err.describe ? err.describe() : err.message}`);
          } finally {
            button.disabled = false;
          }
        },
      }, '⤓ CSV'));
    }
    this.noteEl = h('span', { class: 'note' }, note || '');
    this.el = h('section', { class: `panel ${cls}`.trim(), dataset: { panel: id, state: 'loading' } },
      h('div', { class: 'panel-head' }, h('h2', null, title), this.noteEl, h('div', { class: 'actions' }, buttons)),
      this.body);
    this.loading();
  }

  note(text) {
    this.noteEl.textContent = text || '';
  }

  loading(text = 'Loading…') {
    this.el.dataset.state = 'loading';
    replace(this.body, h('div', { class: 'state loading' }, text));
  }

  /** Shows the API's error with a retry button. */
  error(err, retry) {
    this.el.dataset.state = 'error';
    const message = err && err.describe ? err.describe() : String(err && err.message ? err.message : err);
    replace(this.body, h('div', { class: 'state error', role: 'alert' },
      h('strong', null, `Could not load ${this.title.toLowerCase()}. `), h('span', { class: 'message' }, message),
      retry ? h('button', { type: 'button', onclick: retry }, 'Retry') : null));
  }

  empty(text) {
    this.el.dataset.state = 'empty';
    replace(this.body, h('div', { class: 'state empty' }, text));
  }

  show(...children) {
    this.el.dataset.state = 'ready';
    replace(this.body, ...children);
  }

  flash(text) {
    const note = h('div', { class: 'state error small', role: 'alert' }, text);
    this.body.prepend(note);
    setTimeout(() => note.remove(), 8000);
  }

  /** Runs load(); shows loading first and the error (with retry) if it throws. */
  async run(load) {
    this.loading();
    try {
      await load();
    } catch (err) {
      console.warn(`${this.title}:`, err);
      this.error(err, () => this.run(load));
    }
  }
}
