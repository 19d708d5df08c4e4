// What a run went through since its optimiser last started from zero: the
// weights it started from (and at which epoch), and every change of the
// optimiser's knobs since. With the run's seed and settings that is enough to
// replay it step for step elsewhere (the PyTorch export does). Pure.
import type { CellParams } from '../model/cells.ts';
import type { LiveSettings } from './config.ts';

export type OriginCause = 'init' | 'loaded' | 'restored';

export interface LoggedSegment {
  /** Epochs after this many finished ones use these knobs. */
  from: number;
  optimizer: LiveSettings['optimizer'];
  lr: number;
  momentum: number;
  clip: number;
  /** A new optimiser was made here (its state starts from zero). */
  fresh: boolean;
}

export interface RunHistory {
  origin: { epoch: number; params: CellParams; cause: OriginCause };
  schedule: LoggedSegment[];
}

/**
 * Whether TfRnn.setOptions makes a new optimiser for this change (see there):
 * another kind, or plain SGD ↔ SGD with momentum. Otherwise the state is kept.
 */
export function startsFreshOptimizer(before: LiveSettings, after: LiveSettings): boolean {
  if (before.optimizer !== after.optimizer) return true;
  return after.optimizer === 'sgd' && before.momentum > 0 !== after.momentum > 0;
}

function segment(from: number, live: LiveSettings, fresh: boolean): LoggedSegment {
  return { from, optimizer: live.optimizer, lr: live.lr, momentum: live.momentum, clip: live.clip, fresh };
}

export class RunLog {
  private history: RunHistory;

  constructor(params: CellParams, live: LiveSettings) {
    this.history = { origin: { epoch: 0, params, cause: 'init' }, schedule: [segment(0, live, true)] };
  }

  /** Weights put in place with a fresh optimiser at `epoch`. */
  restart(epoch: number, params: CellParams, cause: OriginCause, live: LiveSettings): void {
    this.history = { origin: { epoch, params, cause }, schedule: [segment(epoch, live, true)] };
  }

  /** The knobs changed; the epochs after `epoch` finished ones use the new ones. */
  change(epoch: number, before: LiveSettings, after: LiveSettings): void {
    const same = before.optimizer === after.optimizer && before.lr === after.lr && before.momentum === after.momentum && before.clip === after.clip;
    if (same) return;
    const s = this.history.schedule;
    const fresh = startsFreshOptimizer(before, after);
    const last = s[s.length - 1];
    // Several changes between the same two epochs: only the last one is ever used.
    if (last.from === epoch) s[s.length - 1] = segment(epoch, after, last.fresh || fresh);
    else s.push(segment(epoch, after, fresh));
  }

  get current(): RunHistory {
    const { origin, schedule } = this.history;
    return { origin: { ...origin }, schedule: schedule.map((x) => ({ ...x })) };
  }
}
