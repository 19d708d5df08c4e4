// A heat map of a rows × cols grid (row-major values, NaN = no cell), coloured
// by value or by log10 of the value, with a colour bar. One tab stop: arrow
// keys move a cursor over the cells and select as they go (or only on
// Enter/Space with selectOnFocus: false); a click or tap selects too.
//
//   const map = createHeatmap(host, { xLabel: 'k', yLabel: 't', log: true, onSelect: (c) => … });
//   map.update({ rows: T, cols: T, values });
//   map.select(3, 1);
import { interpolateViridis, scaleLinear, select, type Selection } from 'd3';
import { drawAxisTitle, drawBottomAxis } from './axes.ts';
import { chartFigure } from './figure.ts';
import { ARROW_MOVES, colourPosition, exists as cellExists, heatDomain, nearestCell, stepCell, tickIndices, valueAt as cellValue, type Cell } from './heat-grid.ts';
import { decadeTicks, formatNumber, observeWidth, pow10Label, responsiveSvg, type Margin } from './scales.ts';

export interface HeatmapCell {
  row: number;
  col: number;
  value: number;
}

export interface HeatmapData {
  rows: number;
  cols: number;
  /** rows × cols, row-major; NaN marks a missing cell. */
  values: ArrayLike<number>;
  /** Tick label of a row / a column (default: the index + 1). */
  rowLabel?: (row: number) => string;
  colLabel?: (col: number) => string;
}

export interface HeatmapLabels {
  xLabel?: string;
  yLabel?: string;
  /** Title of the colour bar. */
  colorLabel?: string;
  ariaLabel?: string;
  /** Spoken/hover text of one cell. */
  cellLabel?: (cell: HeatmapCell) => string;
}

export interface HeatmapOptions extends HeatmapLabels {
  /** Colour by log10(value) (values ≤ 0 get the lowest colour). */
  log?: boolean;
  /** Largest cell side in px (default 30). */
  maxCell?: number;
  onSelect?: (cell: HeatmapCell | null) => void;
  /** Arrow keys select as they move (default true); false: only Enter/Space select. */
  selectOnFocus?: boolean;
  attrs?: Record<string, string>;
}

export interface Heatmap {
  element: HTMLElement;
  update(data: HeatmapData): void;
  /** Select a cell (null clears); fires onSelect. */
  select(row: number, col: number): void;
  selected(): HeatmapCell | null;
  setLabels(labels: HeatmapLabels): void;
  destroy(): void;
}

const MARGIN: Margin = { top: 8, right: 12, bottom: 38, left: 44 };
const BAR = 60;

type G = Selection<SVGGElement, unknown, null, undefined>;

/** The colour bar under the grid: the viridis gradient `gradId` over `domain`, its ticks and its title. */
function drawColourBar(g: G, gradId: string, domain: [number, number], log: boolean, box: { x: number; y: number; width: number }, title: string): void {
  const bar = scaleLinear().domain(domain).range([box.x, box.x + box.width]);
  g.selectAll('rect').data([0]).join('rect').attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', 10).style('fill', `url(#${gradId})`);
  g.selectAll<SVGTextElement, number>('text.tick')
    .data(log ? decadeTicks(domain[0], domain[1], 4) : bar.ticks(4))
    .join('text')
    .attr('class', 'tick')
    .attr('x', (d) => bar(d))
    .attr('y', box.y + 24)
    .attr('text-anchor', 'middle')
    .style('font-size', '11px')
    .style('fill', 'var(--muted)')
    .text((d) => (log ? pow10Label(d) : formatNumber(d, 3)));
  g.selectAll<SVGTextElement, string>('text.title')
    .data([title])
    .join('text')
    .attr('class', 'title')
    .attr('x', box.x)
    .attr('y', box.y + 42)
    .style('font-size', '11px')
    .style('fill', 'var(--fg)')
    .text((d) => d);
}

export function createHeatmap(host: HTMLElement, opts: HeatmapOptions = {}): Heatmap {
  const labels: HeatmapLabels = { ...opts };
  const log = opts.log ?? false;
  const figure = chartFigure(host, 'chart-heatmap', opts.attrs);
  const { svg, resize } = responsiveSvg(figure, 'chart-svg');
  svg.attr('tabindex', 0).attr('role', 'grid').style('outline', 'none');
  const gCells = svg.append('g');
  const focusRect = svg.append('rect').style('fill', 'none').style('stroke', 'var(--fg)').style('stroke-width', 2).style('stroke-dasharray', '3 2').style('display', 'none');
  const selRect = svg.append('rect').style('fill', 'none').style('stroke', 'var(--accent-2)').style('stroke-width', 3).style('display', 'none');
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gXTitle = svg.append('g');
  const gYTitle = svg.append('g');
  const gBar = svg.append('g');
  const gradId = `heat-${Math.random().toString(36).slice(2, 10)}`;
  const grad = svg.append('defs').append('linearGradient').attr('id', gradId);
  for (let i = 0; i <= 10; i++) grad.append('stop').attr('offset', `${i * 10}%`).attr('stop-color', interpolateViridis(i / 10));
  const live = document.createElement('div');
  live.setAttribute('aria-live', 'polite');
  Object.assign(live.style, { minHeight: '1.3em', fontSize: '0.82rem', color: 'var(--muted)', fontVariantNumeric: 'tabular-nums' });
  figure.append(live);

  let width = 320;
  let data: HeatmapData = { rows: 0, cols: 0, values: [] };
  let cursor: Cell | null = null;
  let chosen: Cell | null = null;
  let cell = 10;
  let domain: [number, number] = [0, 1];

  const valueAt = (r: number, c: number) => cellValue(data, r, c);
  const exists = (r: number, c: number) => cellExists(data, r, c);
  const colorOf = (v: number) => interpolateViridis(colourPosition(v, domain, log));
  const describe = (r: number, c: number) => {
    const v = valueAt(r, c);
    return labels.cellLabel ? labels.cellLabel({ row: r, col: c, value: v }) : `${r + 1}, ${c + 1}: ${formatNumber(v)}`;
  };

  function placeMarks(): void {
    const put = (rect: typeof focusRect, at: { row: number; col: number } | null) => {
      if (!at || !exists(at.row, at.col)) return void rect.style('display', 'none');
      rect.style('display', null).attr('x', MARGIN.left + at.col * cell + 1).attr('y', MARGIN.top + at.row * cell + 1).attr('width', cell - 2).attr('height', cell - 2);
    };
    put(focusRect, cursor);
    put(selRect, chosen);
    const focusCell = cursor && exists(cursor.row, cursor.col) ? cursor : chosen;
    svg.attr('aria-label', `${labels.ariaLabel ?? ''}${focusCell && exists(focusCell.row, focusCell.col) ? ` — ${describe(focusCell.row, focusCell.col)}` : ''}`);
  }

  function render(): void {
    const { rows, cols } = data;
    const maxCell = opts.maxCell ?? 30;
    cell = Math.max(4, Math.min(maxCell, Math.floor((width - MARGIN.left - MARGIN.right) / Math.max(1, cols))));
    const gw = cell * cols;
    const gh = cell * rows;
    const height = MARGIN.top + gh + MARGIN.bottom + BAR;
    resize(width, height);
    domain = heatDomain(data.values, log);
    const idx: number[] = [];
    for (let i = 0; i < rows * cols; i++) if (!Number.isNaN(data.values[i])) idx.push(i);
    gCells
      .selectAll<SVGRectElement, number>('rect')
      .data(idx)
      .join('rect')
      .attr('x', (i) => MARGIN.left + (i % cols) * cell)
      .attr('y', (i) => MARGIN.top + Math.floor(i / cols) * cell)
      .attr('width', cell - 1)
      .attr('height', cell - 1)
      .attr('data-row', (i) => Math.floor(i / cols))
      .attr('data-col', (i) => i % cols)
      .attr('data-value', (i) => String(data.values[i]))
      .style('fill', (i) => colorOf(data.values[i]))
      .style('cursor', 'pointer');
    drawBottomAxis(gX, scaleLinear().domain([-0.5, cols - 0.5]).range([MARGIN.left, MARGIN.left + gw]), MARGIN.top + gh, {
      ticks: tickIndices(cols, cell),
      format: (d) => (data.colLabel ?? ((c: number) => String(c + 1)))(Number(d)),
    });
    gY.selectAll<SVGTextElement, number>('text')
      .data(tickIndices(rows, cell))
      .join('text')
      .attr('x', MARGIN.left - 5)
      .attr('y', (r) => MARGIN.top + (r + 0.5) * cell)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .style('font-size', '11px')
      .style('fill', 'var(--muted)')
      .text((r) => (data.rowLabel ?? ((x: number) => String(x + 1)))(r));
    drawAxisTitle(gXTitle, labels.xLabel ?? '', MARGIN.left + gw / 2, MARGIN.top + gh + 32);
    drawAxisTitle(gYTitle, labels.yLabel ?? '', 12, MARGIN.top + gh / 2, true);
    const barBox = { x: MARGIN.left, y: MARGIN.top + gh + MARGIN.bottom + 4, width: Math.min(220, Math.max(120, gw)) };
    drawColourBar(gBar, gradId, domain, log, barBox, labels.colorLabel ?? '');
    figure.dataset.cells = String(idx.length);
    placeMarks();
  }

  function choose(at: { row: number; col: number } | null, announce = true): void {
    chosen = at && exists(at.row, at.col) ? at : null;
    if (chosen) cursor = { ...chosen };
    placeMarks();
    if (announce) live.textContent = chosen ? describe(chosen.row, chosen.col) : '';
    opts.onSelect?.(chosen ? { ...chosen, value: valueAt(chosen.row, chosen.col) } : null);
  }

  const nearestValid = (r: number, c: number) => nearestCell(data, r, c);

  gCells.on('click', (ev: MouseEvent) => {
    const t = ev.target as SVGRectElement;
    if (!t.dataset.row) return;
    choose({ row: Number(t.dataset.row), col: Number(t.dataset.col) });
  });
  gCells.on('pointerover', (ev: PointerEvent) => {
    const t = ev.target as SVGRectElement;
    if (t.dataset.row) live.textContent = describe(Number(t.dataset.row), Number(t.dataset.col));
  });
  svg.on('focus', () => {
    if (!cursor) cursor = chosen ?? nearestValid(data.rows - 1, 0);
    placeMarks();
    if (cursor) live.textContent = describe(cursor.row, cursor.col);
  });
  svg.on('blur', () => {
    focusRect.style('display', 'none');
  });
  /** Put the keyboard cursor on `at`: selecting it too unless selectOnFocus is false. */
  const moveCursor = (at: Cell | null) => {
    cursor = at;
    if (cursor && opts.selectOnFocus !== false) return choose(cursor);
    placeMarks();
    if (cursor) live.textContent = describe(cursor.row, cursor.col);
  };
  svg.on('keydown', (ev: KeyboardEvent) => {
    const cur = cursor ?? nearestValid(data.rows - 1, 0);
    if (!cur) return;
    if (ev.key in ARROW_MOVES) {
      ev.preventDefault();
      const [dr, dc] = ARROW_MOVES[ev.key];
      moveCursor(stepCell(data, cur, dr, dc));
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      choose(cur);
    } else if (ev.key === 'Home' || ev.key === 'End') {
      ev.preventDefault();
      moveCursor(ev.key === 'Home' ? nearestValid(0, 0) : nearestValid(data.rows - 1, data.cols - 1));
    }
  });

  const stop = observeWidth(figure, (w) => {
    width = w;
    render();
  });

  return {
    element: figure,
    update(next) {
      data = next;
      if (cursor && !exists(cursor.row, cursor.col)) cursor = null;
      if (chosen && !exists(chosen.row, chosen.col)) chosen = null;
      render();
      if (chosen) live.textContent = describe(chosen.row, chosen.col);
    },
    select(row, col) {
      choose({ row, col });
    },
    selected() {
      return chosen ? { ...chosen, value: valueAt(chosen.row, chosen.col) } : null;
    },
    setLabels(next) {
      Object.assign(labels, next);
      render();
      const at = chosen ?? cursor;
      live.textContent = at && exists(at.row, at.col) ? describe(at.row, at.col) : '';
    },
    destroy() {
      stop();
      select(figure).remove();
    },
  };
}

