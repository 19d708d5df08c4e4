// Sends the configuration the fields describe to the worker: after a short
// pause while the reader types (schedule), at once before a command (flush),
// and only when it differs from the one last sent.
import type { TrainConfig } from '../../train/config.ts';

/** Settings typed into the controls reach the worker after this pause. */
const CONFIG_DEBOUNCE_MS = 200;

export class ConfigSender {
  /** The configuration last sent (null: none yet, or the worker has new data). */
  sent: TrainConfig | null = null;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;

  constructor(
    private readonly current: () => TrainConfig | null,
    private readonly send: (config: TrainConfig) => void,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), CONFIG_DEBOUNCE_MS);
  }

  flush(): void {
    this.cancel();
    const c = this.current();
    if (!c || (this.sent !== null && JSON.stringify(this.sent) === JSON.stringify(c))) return;
    this.sent = c;
    this.send(c);
  }

  /** Send again even if unchanged (the worker has a new table). */
  resend(): void {
    this.sent = null;
    this.flush();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = 0;
  }
}
