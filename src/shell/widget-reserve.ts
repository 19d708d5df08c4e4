// The height each widget takes once mounted, reserved on its slot before it
// mounts, so that nothing below moves when it does. Measured in headless
// Chromium at the widgets' default settings (the trainer with the bundled
// S&P 500 series drawn; remeasured 2026-12-02 after the gated cells, runs,
// forecast, seed-experiment and memory-span widgets), in a 388 px column (a 412 px
// phone) and in the 672 px (42 rem) column of a desktop window; other widths
// interpolate. A widget that grows later (results, a loaded file) grows
// because the reader asked for it.
const MEASURED_AT = [388, 672] as const;
const RESERVED: Record<string, readonly [number, number]> = {
  unrolled: [846, 543],
  forward: [1593, 869],
  bptt: [1411, 736],
  gradcheck: [675, 483],
  vx: [1576, 787],
  trainer: [4522, 2877],
  'seed-experiment': [1020, 610],
  'memory-span': [950, 684],
};

/** Height in px to reserve for widget `name` in a column `columnPx` wide (0 when unknown). */
export function reservedWidgetPx(name: string | undefined, columnPx: number): number {
  const r = name === undefined ? undefined : RESERVED[name];
  if (!r) return 0;
  const [a, b] = MEASURED_AT;
  const t = Math.min(1, Math.max(0, (columnPx - a) / (b - a)));
  return Math.round(r[0] + t * (r[1] - r[0]));
}
