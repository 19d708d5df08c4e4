// The height each widget takes once mounted, reserved on its slot before it
// mounts, so that nothing below moves when it does. Measured in headless
// Chromium at its default settings (scripts/measure-widgets.mjs prints the
// table), narrow (a 375–412 px phone) and wide (the 42 rem column and up).
const RESERVED: Record<string, { narrow: number; wide: number }> = {};

/** Column width (px) below which the narrow figure applies. */
const NARROW_BELOW = 600;

/** Height in px to reserve for widget `name` in a column `columnPx` wide (0 when unknown). */
export function reservedWidgetPx(name: string | undefined, columnPx: number): number {
  const r = name === undefined ? undefined : RESERVED[name];
  if (!r) return 0;
  return columnPx < NARROW_BELOW ? r.narrow : r.wide;
}
