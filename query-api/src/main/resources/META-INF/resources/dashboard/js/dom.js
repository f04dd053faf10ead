// Tiny DOM helpers. Text always goes in through textContent: ids and names from the API are never parsed as HTML.

/** h('div', {class: 'x', dataset: {a: 1}, onclick: fn}, child, 'text', [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.entries(value).forEach(([k, v]) => { if (v !== undefined) el.dataset[k] = v; });
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'text') el.textContent = value;
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/** A table: columns [{label, cls, key?, sort?}], rows of cells (Node or text), each row may carry attrs. */
export function table(columns, rows, { cls = 'data', onSort, sorted, order } = {}) {
  const head = h('tr', null, columns.map((c) => {
    const classes = [c.cls || ''];
    if (c.sort && onSort) classes.push('sortable');
    if (c.sort && c.sort === sorted) classes.push('sorted', order === 'asc' ? 'asc' : 'desc');
    return h('th', {
      class: classes.join(' ').trim() || null,
      dataset: { sort: c.sort, col: c.key },
      title: c.title,
      onclick: c.sort && onSort ? () => onSort(c.sort) : null,
    }, c.label);
  }));
  const body = rows.map((row) => {
    const cells = row.cells || row;
    return h('tr', row.attrs || null, cells.map((cell, i) => {
      const c = columns[i] || {};
      if (cell instanceof HTMLTableCellElement) return cell;
      return h('td', { class: c.cls || null, dataset: { col: c.key } }, cell);
    }));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: cls }, h('thead', null, head), h('tbody', null, body)));
}
