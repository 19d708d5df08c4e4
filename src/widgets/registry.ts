// Widgets are discovered by folder: `src/widgets/NAME/index.ts` exporting
// `mount` serves every `::: widget NAME :::` slot. Each is a separate chunk,
// loaded when its slot scrolls near the viewport.
import type { MountWidget } from './types.ts';

const modules = import.meta.glob<{ mount: MountWidget }>('./*/index.ts');

export function widgetLoader(name: string): (() => Promise<{ mount: MountWidget }>) | undefined {
  return modules[`./${name}/index.ts`];
}
