// A chart's text alternative: a caption with its key numbers, read with the
// chart (the chart's root points at it with aria-describedby), and its data
// as a table behind a <details>, built only while open so that a chart that
// redraws many times a second (the trainer's) pays nothing for it otherwise.
import type { Lang } from '../i18n/lang.ts';
import './text-alternative.css';

const TOGGLE: Record<Lang, string> = { en: 'Data table', zh: '数据表' };

export interface DataTable {
  /** Column headings, in the reader's language. */
  columns: readonly string[];
  /** One row per data point, already printed. */
  rows: readonly (readonly string[])[];
  /** A line under the table (e.g. how the rows were chosen); optional. */
  note?: string;
}

export interface TextAlternative {
  /** Put it under the chart. */
  element: HTMLElement;
  setCaption(text: string): void;
  /** Label the table's toggle in the reader's language. */
  setLang(lang: Lang): void;
  /** How to build the table; called when the reader opens it, and again on each change while it is open. */
  setTable(build: (() => DataTable | null) | null): void;
  /** Point `target` (the chart's root, and any image inside it) at the caption. */
  describe(target: Element): void;
}

let nextId = 1;

export function createTextAlternative(lang: Lang, testId?: string): TextAlternative {
  const id = `chart-text-${nextId++}`;
  const caption = document.createElement('p');
  caption.className = 'chart-caption';
  caption.id = id;
  if (testId) caption.dataset.testid = `${testId}-caption`;
  const details = document.createElement('details');
  details.className = 'chart-data';
  const summary = document.createElement('summary');
  const wrap = document.createElement('div');
  wrap.className = 'chart-data-wrap';
  details.append(summary, wrap);
  const element = document.createElement('div');
  element.className = 'chart-text';
  if (testId) element.dataset.testid = testId;
  element.append(caption, details);
  summary.textContent = TOGGLE[lang];

  let build: (() => DataTable | null) | null = null;
  let frame = 0;

  const render = () => {
    frame = 0;
    const data = details.open && build ? build() : null;
    wrap.replaceChildren();
    if (!data) return;
    const table = document.createElement('table');
    table.className = 'chart-data-table';
    const head = table.createTHead().insertRow();
    for (const c of data.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      head.append(th);
    }
    const body = table.createTBody();
    for (const r of data.rows) {
      const tr = body.insertRow();
      r.forEach((v, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
        cell.textContent = v;
        tr.append(cell);
      });
    }
    wrap.append(table);
    if (data.note) {
      const note = document.createElement('p');
      note.className = 'chart-data-note';
      note.textContent = data.note;
      wrap.append(note);
    }
  };
  const schedule = () => {
    if (!details.open || frame) return;
    frame = requestAnimationFrame(render);
  };
  details.addEventListener('toggle', () => (details.open ? render() : wrap.replaceChildren()));

  return {
    element,
    setCaption(text) {
      if (caption.textContent !== text) caption.textContent = text;
    },
    setLang(lang) {
      summary.textContent = TOGGLE[lang];
      schedule();
    },
    setTable(next) {
      build = next;
      schedule();
    },
    describe(target) {
      target.setAttribute('aria-describedby', id);
      for (const img of target.querySelectorAll('svg[role=img]')) img.setAttribute('aria-describedby', id);
    },
  };
}
