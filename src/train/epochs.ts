// What one training epoch visits and when it is tested: the seeded shuffle of
// the training windows and the test-loss cadence of a run.
import { createRng } from '../model/random.ts';

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
export function permutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** Test-loss cadence: every epoch up to 200 epochs, then about 200 evaluations per run (always the first 20 and the last). */
export function testEvery(epochs: number): number {
  return Math.max(1, Math.floor(epochs / 200));
}

export function isTestEpoch(epoch: number, epochs: number): boolean {
  return epoch <= 20 || epoch >= epochs || epoch % testEvery(epochs) === 0;
}
