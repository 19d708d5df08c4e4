// The optimisers of tf-rnn.ts's OptimizerSpec (SGD, SGD with momentum, Adam)
// and global-norm clipping, on Float32Arrays in place: what the fused
// mini-batch path (fused-train.ts) applies to the kernel's gradients without
// a tfjs op. Each update follows tfjs's own formulas in its order of float32
// operations (tfjs-core's SGDOptimizer, MomentumOptimizer, AdamOptimizer and
// tf-model.ts's clipByGlobalNorm), every intermediate rounded to float32, so
// the weights agree with the tfjs path to float32 rounding (tested in
// fused-train.test.ts). No tfjs op, no DOM.
import { ADAM_EPSILON, type OptimizerSpec } from './optimizer-spec.ts';

const f = Math.fround;

/** Slots of one parameter: momentum's accumulation, or Adam's two moments. */
interface Slots {
  a: Float32Array;
  b: Float32Array | null;
}

export class FusedOptimizer {
  private slots: Slots[] | null = null;
  /** Adam's β₁^t and β₂^t (float32 scalars, as tfjs keeps them). */
  private accBeta1 = 0;
  private accBeta2 = 0;

  constructor(private spec: OptimizerSpec) {
    this.reset();
  }

  get options(): Readonly<OptimizerSpec> {
    return this.spec;
  }

  /** Forget the slots (a fresh optimiser). */
  reset(): void {
    this.slots = null;
    if (this.spec.kind === 'adam') {
      this.accBeta1 = f(this.spec.beta1 ?? 0.9);
      this.accBeta2 = f(this.spec.beta2 ?? 0.999);
    }
  }

  /** New settings between steps: a new rate or momentum keeps the slots, another kind (or Adam's β/ε) starts afresh (as retunedOptimizer). */
  retune(next: OptimizerSpec): void {
    const before = this.spec;
    const sameKind = before.kind === next.kind && (next.kind === 'sgd' ? (before as typeof next).momentum > 0 === next.momentum > 0 : true);
    const sameAdam =
      next.kind !== 'adam' || (before.kind === 'adam' && before.beta1 === next.beta1 && before.beta2 === next.beta2 && before.epsilon === next.epsilon);
    this.spec = { ...next };
    if (!(sameKind && sameAdam)) this.reset();
  }

  /** Clip `grads` by their global norm (0 = off), then update `params` in place. */
  step(params: readonly Float32Array[], grads: readonly Float32Array[], clipNorm: number): void {
    if (clipNorm > 0) clipInPlace(grads, clipNorm);
    this.slots ??= params.map((p) => ({ a: new Float32Array(p.length), b: this.spec.kind === 'adam' ? new Float32Array(p.length) : null }));
    const spec = this.spec;
    if (spec.kind === 'sgd' && spec.momentum > 0) {
      const m = f(spec.momentum);
      const c = f(-spec.lr);
      params.forEach((w, k) => {
        const g = grads[k];
        const acc = this.slots![k].a;
        // accumulation = m·accumulation + g;  w = c·accumulation + w
        for (let i = 0; i < w.length; i++) {
          acc[i] = f(f(m * acc[i]) + g[i]);
          w[i] = f(f(c * acc[i]) + w[i]);
        }
      });
    } else if (spec.kind === 'sgd') {
      const c = f(-spec.lr);
      // w = c·g + w
      params.forEach((w, k) => {
        const g = grads[k];
        for (let i = 0; i < w.length; i++) w[i] = f(f(c * g[i]) + w[i]);
      });
    } else {
      this.adam(spec, params, grads);
    }
  }

  private adam(spec: Extract<OptimizerSpec, { kind: 'adam' }>, params: readonly Float32Array[], grads: readonly Float32Array[]): void {
    const beta1 = f(spec.beta1 ?? 0.9);
    const beta2 = f(spec.beta2 ?? 0.999);
    const eps = f(spec.epsilon ?? ADAM_EPSILON);
    // tfjs forms 1 − β in double precision before it becomes a float32 scalar.
    const oneMinusBeta1 = f(1 - (spec.beta1 ?? 0.9));
    const oneMinusBeta2 = f(1 - (spec.beta2 ?? 0.999));
    const oneMinusAcc1 = f(1 - this.accBeta1);
    const oneMinusAcc2 = f(1 - this.accBeta2);
    const negLr = f(-spec.lr);
    params.forEach((w, k) => {
      const g = grads[k];
      const { a: m, b } = this.slots![k];
      const v = b!;
      for (let i = 0; i < w.length; i++) {
        // m = m·β₁ + g·(1−β₁);  v = v·β₂ + g²·(1−β₂)
        m[i] = f(f(m[i] * beta1) + f(g[i] * oneMinusBeta1));
        v[i] = f(f(v[i] * beta2) + f(f(g[i] * g[i]) * oneMinusBeta2));
        // w = (m̂ / (√v̂ + ε))·(−lr) + w, with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
        const mHat = f(m[i] / oneMinusAcc1);
        const vHat = f(v[i] / oneMinusAcc2);
        w[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + w[i]);
      }
    });
    this.accBeta1 = f(this.accBeta1 * beta1);
    this.accBeta2 = f(this.accBeta2 * beta2);
  }
}

/** Scale every gradient by min(1, clipNorm / ‖all gradients‖₂), as clipByGlobalNorm does. */
export function clipInPlace(grads: readonly Float32Array[], clipNorm: number): void {
  let sum = 0;
  for (const g of grads) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += f(g[i] * g[i]);
    sum = f(sum + f(s));
  }
  const norm = f(Math.sqrt(sum));
  const scale = f(f(clipNorm) / Math.max(norm, f(clipNorm)));
  if (scale === 1) return;
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = f(g[i] * scale);
}
