// The pieces every chart starts from: a <figure> root that may shrink inside
// a flex or grid layout, and legend entries with a line swatch.

/** Append a chart's root `<figure>` to `host`, with its test/aria attributes. */
export function chartFigure(host: HTMLElement, className: string, attrs: Record<string, string> = {}): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = `chart ${className}`;
  figure.style.margin = '0';
  figure.style.minWidth = '0';
  for (const [k, v] of Object.entries(attrs)) figure.setAttribute(k, v);
  host.append(figure);
  return figure;
}

export interface LegendEntry {
  text: string;
  color: string;
  dash?: string | null;
  /** stroke width of the swatch, px */
  width?: number;
}

/** One legend entry: a short line drawn as the series is drawn, then its label (as text). */
export function legendItem({ text, color, dash, width = 2 }: LegendEntry): HTMLElement {
  const item = document.createElement('span');
  Object.assign(item.style, { display: 'inline-flex', alignItems: 'center', gap: '0.35rem' });
  const sw = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  sw.setAttribute('width', '22');
  sw.setAttribute('height', '8');
  sw.setAttribute('aria-hidden', 'true');
  const ln = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  for (const [k, v] of Object.entries({ x1: '1', x2: '21', y1: '4', y2: '4' })) ln.setAttribute(k, v);
  ln.style.stroke = color;
  ln.style.strokeWidth = String(width);
  if (dash) ln.style.strokeDasharray = dash;
  sw.append(ln);
  item.append(sw, document.createTextNode(text));
  return item;
}
