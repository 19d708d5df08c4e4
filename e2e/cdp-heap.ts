// JS heap sizes after a garbage collection, read over the Chrome DevTools
// Protocol: the page's, and the training worker's (a dedicated worker has no
// performance.memory; the protocol reaches it as a target of its own).
import type { CDPSession, Page } from '@playwright/test';

export interface HeapUsage {
  /** V8 heap in use (bytes). */
  used: number;
  /** Array buffers and the like held outside the V8 heap (bytes), wasm memory included. */
  backing: number;
}

interface TargetInfo {
  targetId: string;
  type: string;
  title: string;
}

/** A session on the page, and calls on one of its workers through it. */
export class HeapProbe {
  private nextId = 0;
  private workerSession: string | null = null;

  private constructor(private readonly cdp: CDPSession) {}

  static async open(page: Page): Promise<HeapProbe> {
    return new HeapProbe(await page.context().newCDPSession(page));
  }

  async page(): Promise<HeapUsage> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const u = await this.cdp.send('Runtime.getHeapUsage');
    return { used: u.usedSize, backing: (u as { backingStorageSize?: number }).backingStorageSize ?? 0 };
  }

  /** The heap of the worker named `title` (new Worker(…, { name })). */
  async worker(title: string): Promise<HeapUsage> {
    if (!this.workerSession) {
      const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      const target = targetInfos.find((t) => t.type === 'worker' && t.title === title);
      if (!target) throw new Error(`no worker named ${title}`);
      const { sessionId } = (await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
      this.workerSession = sessionId;
    }
    await this.call('HeapProfiler.collectGarbage');
    const u = (await this.call('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return { used: u.usedSize, backing: u.backingStorageSize ?? 0 };
  }

  private call(method: string): Promise<unknown> {
    const id = ++this.nextId;
    const sessionId = this.workerSession!;
    return new Promise((resolve, reject) => {
      const on = (e: { sessionId: string; message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
        if (e.sessionId !== sessionId || m.id !== id) return;
        this.cdp.off('Target.receivedMessageFromTarget', on);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      };
      this.cdp.on('Target.receivedMessageFromTarget', on);
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  }
}
