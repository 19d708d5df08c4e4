// Layout helpers shared by the charts: pixel-true responsive SVGs (the
// viewBox follows the measured width, so text stays at its CSS size on a
// phone and on a desktop), decade ticks for log axes, and number formats.
import { select, type Selection } from 'd3';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** Width of an element's content box, with a floor so a hidden host still lays out. */
function contentWidth(node: Element, fallback = 320): number {
  const w = node.getBoundingClientRect().width;
  return w > 0 ? Math.floor(w) : fallback;
}

/**
 * Call `onWidth` now and whenever the host's width changes (not its height,
 * which the chart itself sets). Returns a function that stops observing.
 */
export function observeWidth(node: Element, onWidth: (width: number) => void): () => void {
  let last = -1;
  const fire = () => {
    const w = contentWidth(node);
    if (w === last) return;
    last = w;
    onWidth(w);
  };
  fire();
  if (typeof ResizeObserver === 'undefined') return () => {};
  const ro = new ResizeObserver(() => fire());
  ro.observe(node);
  return () => ro.disconnect();
}

/** An `<svg>` that fills its host's width; `resize` sets its pixel size and viewBox together. */
export function responsiveSvg(host: Element, className: string): { svg: Svg; resize(width: number, height: number): void } {
  const svg = select(host)
    .append('svg')
    .attr('class', className)
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .style('display', 'block')
    .style('width', '100%')
    .style('height', 'auto')
    .style('max-width', '100%')
    .style('overflow', 'visible')
    .style('font-family', 'inherit')
    .style('touch-action', 'manipulation') as Svg;
  return {
    svg,
    resize(width, height) {
      svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    },
  };
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻', '+': '⁺',
};

/** 10 raised to an integer exponent, written with superscripts: 10⁻¹². */
export function pow10Label(exponent: number): string {
  const e = Math.round(exponent);
  return `10${String(e).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/**
 * Integer exponents for the ticks of a log10 axis spanning [lo, hi] (both in
 * log10 units), at most `maxTicks` of them, on a step of 1, 2, 5, 10, 20, …
 * decades.
 */
export function decadeTicks(lo: number, hi: number, maxTicks = 6): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  const span = Math.max(hi - lo, 1e-9);
  const steps = [1, 2, 5];
  let step = 1;
  outer: for (let mag = 1; ; mag *= 10) {
    for (const s of steps) {
      step = s * mag;
      if (span / step <= Math.max(1, maxTicks - 1)) break outer;
    }
  }
  const first = Math.ceil(lo / step - 1e-9) * step;
  const out: number[] = [];
  for (let e = first; e <= hi + 1e-9; e += step) out.push(Math.round(e));
  return out;
}

/**
 * A log10 domain [lo, hi] (in decades) that covers `values` (finite log10
 * numbers), rounded out to whole decades and at least `minSpan` decades wide.
 */
export function decadeDomain(values: Iterable<number>, minSpan = 1): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [-1, 1];
  lo = Math.floor(lo + 1e-9);
  hi = Math.ceil(hi - 1e-9);
  if (hi - lo < minSpan) {
    const need = Math.ceil(minSpan - (hi - lo));
    lo -= Math.floor(need / 2);
    hi += need - Math.floor(need / 2);
  }
  return [lo, hi];
}

/** A compact number for labels: 4 significant digits, exponent form outside [1e-3, 1e5). */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1).replace(/e\+?/, 'e');
  return s.replace(/-/g, '−');
}

/** A number given by its log10, written as m × 10^e (works far beyond the range of doubles). */
export function formatFromLog10(log10: number, digits = 2): string {
  if (log10 === -Infinity) return '0';
  if (!Number.isFinite(log10)) return '–';
  if (log10 > -3 && log10 < 5) return formatNumber(10 ** log10, digits + 1);
  let e = Math.floor(log10);
  let m = 10 ** (log10 - e);
  if (Number(m.toFixed(digits - 1)) >= 10) {
    m /= 10;
    e += 1;
  }
  return `${m.toFixed(digits - 1)}×${pow10Label(e)}`;
}
