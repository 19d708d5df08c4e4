// One kernel thread's mailbox: a growable SharedArrayBuffer holding a job
// (a PartSpec, the weights, its rows of x and y) and, when done, the part's
// loss and gradients. The caller writes a job and bumps `posted`; the kernel
// thread, blocked in Atomics.wait on `posted`, runs it and bumps `done`; the
// caller waits on `done`. No message per job, so a synchronous caller (the
// training worker inside fusedEpoch) can hand work out and take it back.
//
//   bytes 0–63    Int32 header: posted, done, status, rows, the spec (SPEC_INTS)
//   bytes 64–71   Float64 loss
//   bytes 128…    Float32: weights, gradients (the same sizes), x (rows×T×F), y (rows×O)
import { decodeSpec, encodeSpec, runPart, weightSizes, type PartResult, type PartSpec } from './part-kernel.ts';

const POSTED = 0;
const DONE = 1;
const STATUS = 2;
const ROWS = 3;
const SPEC_AT = 4;
const HEADER_INTS = 16; // ≥ SPEC_AT + SPEC_INTS
const LOSS_BYTE = 64;
const DATA_BYTE = 128;
/** A job asking the kernel thread to stop. */
const STOP = -1;

export const STATUS_OK = 0;
export const STATUS_FAILED = 1;

/** Largest mailbox: 256 MiB (a part of 3 million rows of T·F = 21 floats). */
export const MAX_MAILBOX_BYTES = 256 * 1024 * 1024;

export function mailboxBytes(s: PartSpec, rows: number): number {
  const w = weightSizes(s).reduce((a, b) => a + b, 0);
  return DATA_BYTE + 4 * (2 * w + rows * s.T * s.F + rows * s.O);
}

/** A SharedArrayBuffer that grows in place (ES2024; typed here, as the project's lib is ES2022). */
export type GrowableShared = SharedArrayBuffer & { grow(bytes: number): void; readonly growable: boolean };
const Growable = SharedArrayBuffer as unknown as new (bytes: number, opts: { maxByteLength: number }) => GrowableShared;

/** Whether this engine has growable shared memory. */
export function growableShared(): boolean {
  return typeof SharedArrayBuffer === 'function' && 'grow' in SharedArrayBuffer.prototype;
}

export function newMailbox(initialBytes = 1 << 20): GrowableShared {
  return new Growable(initialBytes, { maxByteLength: MAX_MAILBOX_BYTES });
}

/** Float32 views of a job's parts, at this spec and row count. */
function regions(sab: SharedArrayBuffer, s: PartSpec, rows: number): { w: Float32Array[]; g: Float32Array[]; x: Float32Array; y: Float32Array } {
  let at = DATA_BYTE;
  const take = (floats: number): Float32Array => {
    const v = new Float32Array(sab, at, floats);
    at += 4 * floats;
    return v;
  };
  const sizes = weightSizes(s);
  const w = sizes.map(take);
  const g = sizes.map(take);
  return { w, g, x: take(rows * s.T * s.F), y: take(rows * s.O) };
}

const header = (sab: SharedArrayBuffer): Int32Array => new Int32Array(sab, 0, HEADER_INTS);

/** The caller's side of one mailbox. */
export class MailboxClient {
  private readonly head: Int32Array;
  private seq = 0;

  constructor(readonly sab: GrowableShared) {
    this.head = header(sab);
  }

  /** Write a job and wake the kernel thread; false when it does not fit the largest mailbox (nothing posted). */
  post(s: PartSpec, rows: number, x: Float32Array, y: Float32Array, w: readonly Float32Array[]): boolean {
    const bytes = mailboxBytes(s, rows);
    if (bytes > MAX_MAILBOX_BYTES) return false;
    if (bytes > this.sab.byteLength) this.sab.grow(Math.min(MAX_MAILBOX_BYTES, Math.max(bytes, 2 * this.sab.byteLength)));
    const r = regions(this.sab, s, rows);
    w.forEach((v, k) => r.w[k].set(v));
    r.x.set(x.subarray(0, rows * s.T * s.F));
    r.y.set(y.subarray(0, rows * s.O));
    this.head[ROWS] = rows;
    encodeSpec(s, this.head, SPEC_AT);
    this.seq++;
    Atomics.store(this.head, POSTED, this.seq);
    Atomics.notify(this.head, POSTED);
    return true;
  }

  /** Block until the posted job is done (Atomics.wait: not on a page's main thread); its result, as views into the mailbox. */
  take(s: PartSpec, rows: number, timeoutMs: number): PartResult {
    const until = performance.now() + timeoutMs;
    while (Atomics.load(this.head, DONE) !== this.seq) {
      const left = until - performance.now();
      if (left <= 0) throw new Error(`kernel thread gave no answer in ${timeoutMs} ms`);
      Atomics.wait(this.head, DONE, this.seq - 1, left);
    }
    if (Atomics.load(this.head, STATUS) !== STATUS_OK) throw new Error('kernel thread failed on its part');
    return { loss: new Float64Array(this.sab, LOSS_BYTE, 1)[0], grads: regions(this.sab, s, rows).g };
  }

  /** Ask the kernel thread to leave its loop. */
  stop(): void {
    Atomics.store(this.head, POSTED, STOP);
    Atomics.notify(this.head, POSTED);
  }
}

/** The kernel thread's side: run the job posted as `seq` and report it done. */
export function serveJob(sab: SharedArrayBuffer, seq: number): void {
  const head = header(sab);
  try {
    const s = decodeSpec(head, SPEC_AT);
    const rows = head[ROWS];
    const r = regions(sab, s, rows);
    const out = runPart(s, rows, r.x, r.y, r.w);
    out.grads.forEach((g, k) => r.g[k].set(g));
    new Float64Array(sab, LOSS_BYTE, 1)[0] = out.loss;
    head[STATUS] = STATUS_OK;
  } catch {
    head[STATUS] = STATUS_FAILED;
  }
  Atomics.store(head, DONE, seq);
  Atomics.notify(head, DONE);
}

/** The kernel thread's loop: wait for a job, serve it, until asked to stop. */
export function serveLoop(sab: SharedArrayBuffer): void {
  const head = header(sab);
  let seen = 0; // a fresh mailbox: a job posted before this thread got here is still seen

  for (;;) {
    Atomics.wait(head, POSTED, seen);
    const seq = Atomics.load(head, POSTED);
    if (seq === STOP) return;
    if (seq === seen) continue;
    seen = seq;
    serveJob(sab, seq);
  }
}
