// The worker guard with fake clients: a failure starts a new worker and tells
// the listeners (restart first, then the crash); late messages of the dead
// worker are ignored; after MAX_RESTARTS within the window it gives up.
import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from './client.ts';
import type { ToWorker } from './protocol.ts';
import { isOutOfMemory, MAX_RESTARTS, RESTART_WINDOW_MS, WorkerGuard, type Crash, type WorkerClient } from './worker-guard.ts';

interface Fake extends WorkerClient {
  sent: ToWorker[];
  terminated: boolean;
  message(msg: WorkerEvent): void;
  error(message: string): void;
}

function harness() {
  const clients: Fake[] = [];
  const events: string[] = [];
  const messages: WorkerEvent[] = [];
  let t = 0;
  const guard = new WorkerGuard(
    (m) => messages.push(m),
    (c: Crash) => events.push(`crash:${c.why}:${c.gaveUp ? 'gave-up' : c.recent}`),
    (onMessage, onError) => {
      const fake: Fake = {
        sent: [],
        terminated: false,
        send: (m) => void fake.sent.push(m),
        requestWeights: async () => null,
        requestRunExport: async () => null,
        requestMemory: async () => null,
        terminate: () => void (fake.terminated = true),
        message: onMessage,
        error: onError,
      };
      clients.push(fake);
      return fake;
    },
    () => t,
  );
  guard.onRestart(() => events.push(`restart:${clients.length}`));
  return { guard, clients, events, messages, advance: (ms: number) => (t += ms) };
}

describe('worker guard', () => {
  it('replaces a worker that fails and tells the listeners, restart first', () => {
    const h = harness();
    h.guard.send({ type: 'command', command: 'train' });
    h.clients[0].error('Uncaught RangeError: Array buffer allocation failed');
    expect(h.clients[0].terminated).toBe(true);
    expect(h.events).toEqual(['restart:2', 'crash:memory:1']);
    h.guard.send({ type: 'command', command: 'pause' });
    expect(h.clients[1].sent).toEqual([{ type: 'command', command: 'pause' }]);
  });

  it('treats a fatal message as a failure and ignores what the old worker says afterwards', () => {
    const h = harness();
    h.clients[0].message({ type: 'fatal', message: 'boom' });
    expect(h.events).toEqual(['restart:2', 'crash:error:1']);
    h.clients[0].message({ type: 'status', state: 'idle', epoch: 0, epochs: 1, elapsedMs: 0, notice: null });
    h.clients[0].error('late');
    expect([h.messages.length, h.clients.length]).toEqual([0, 2]);
    h.clients[1].message({ type: 'status', state: 'idle', epoch: 0, epochs: 1, elapsedMs: 0, notice: null });
    expect(h.messages.length).toBe(1);
  });

  it('gives up after MAX_RESTARTS failures within the window, and counts afresh after it', () => {
    const h = harness();
    for (let i = 0; i < MAX_RESTARTS; i++) h.clients.at(-1)!.error('x');
    expect(h.clients.length).toBe(MAX_RESTARTS + 1);
    h.advance(RESTART_WINDOW_MS + 1);
    h.clients.at(-1)!.error('x');
    expect(h.guard.alive).toBe(true);
    for (let i = 0; i < MAX_RESTARTS; i++) h.clients.at(-1)!.error('x');
    expect(h.guard.alive).toBe(false);
    expect(h.events.at(-1)).toBe('crash:error:gave-up');
    h.guard.send({ type: 'command', command: 'train' });
  });

  it('tells running out of memory from other errors', () => {
    expect(isOutOfMemory('Uncaught RangeError: Array buffer allocation failed')).toBe(true);
    expect(isOutOfMemory('RuntimeError: memory access out of bounds')).toBe(false);
    expect(isOutOfMemory('Cannot enlarge memory arrays')).toBe(true);
    expect(isOutOfMemory('TypeError: x is undefined')).toBe(false);
  });
});
