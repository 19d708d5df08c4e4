// Test hooks of the trainer, installed only when the page's URL asks for them
// (`?debug=trainer`): the e2e tests make the training worker crash, or read
// its tensors and heap, through `window.unrolledTrainer`. Nothing in the
// page's controls reaches them.
import { debugFlags } from '../../state/debug.ts';
import type { WorkerMemory } from '../../train/protocol.ts';
import type { WorkerGuard } from '../../train/worker-guard.ts';

export interface TrainerDebug {
  crash(kind: 'crash' | 'oom'): void;
  memory(): Promise<WorkerMemory | null>;
}

export function installDebugHooks(guard: WorkerGuard): void {
  if (!debugFlags(location.search).includes('trainer')) return;
  const hooks: TrainerDebug = {
    crash: (kind) => guard.send({ type: 'debug', action: kind, requestId: 0 }),
    memory: () => guard.requestMemory(),
  };
  (window as Window & { unrolledTrainer?: TrainerDebug }).unrolledTrainer = hooks;
}
