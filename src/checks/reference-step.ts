// One training step of the trainer's model in Float64, for checking the
// float32 engines (the fused WGSL step, a backend's self-test): the loss of
// the many-to-one regressor for each output layer and loss the trainer
// offers, its gradients by the hand-written BPTT (model/bptt.ts), then
// global-norm clipping and SGD / momentum / Adam with tfjs's formulas.
//
// bptt.ts differentiates the plain MSE, whose output gradient is
// 2(o − y)/(N·O). Any other loss ℓ(o) enters it through the target
// y′ = o − (N·O/2)·∂ℓ/∂o, for which that gradient is exactly ∂ℓ/∂o: the same
// backward pass then gives ∂ℓ/∂W … ∂ℓ/∂c for the tanh output and the seed's
// broadcast MSE too.
import { bptt } from '../model/bptt.ts';
import { forward } from '../model/rnn.ts';
import type { Activation, Grads, RnnParams, Sequences } from '../model/types.ts';
import { PARAM_NAMES } from '../model/types.ts';

export interface ReferenceAttrs {
  activation: Activation;
  output: 'linear' | 'tanh';
  loss: 'mse' | 'broadcast-mse';
}

export type ReferenceOptimizer = { kind: 'sgd'; lr: number; momentum: number } | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number };

/** ŷ of each sample (N×O): o(T) or tanh(o(T)). */
function predictions(p: RnnParams, seq: Sequences, attrs: ReferenceAttrs): { o: Float64Array; yhat: Float64Array } {
  const { N, T } = seq;
  const { O } = p;
  const all = forward(p, seq, attrs.activation).o;
  const o = new Float64Array(N * O);
  for (let n = 0; n < N; n++) for (let q = 0; q < O; q++) o[n * O + q] = all[(n * T + T - 1) * O + q];
  return { o, yhat: attrs.output === 'tanh' ? o.map(Math.tanh) : o };
}

/** The loss and ∂loss/∂o (N×O). */
function lossAndOutputGradient(yhat: Float64Array, y: Float64Array, N: number, O: number, attrs: ReferenceAttrs): { loss: number; dOut: Float64Array } {
  const dOut = new Float64Array(N * O);
  let loss = 0;
  if (attrs.loss === 'mse') {
    for (let k = 0; k < N * O; k++) {
      const d = yhat[k] - y[k];
      loss += (d * d) / (N * O);
      dOut[k] = (2 * d) / (N * O);
    }
  } else {
    // MSELoss(output[N,1], y[N]) = mean_{i,j} (ŷ_i − y_j)² = mean (ŷ − ȳ)² + mean (y − ȳ)²
    if (O !== 1) throw new Error(`broadcast-mse needs one output, got ${O}`);
    const yBar = y.reduce((s, v) => s + v, 0) / N;
    for (let n = 0; n < N; n++) {
      loss += ((yhat[n] - yBar) ** 2 + (y[n] - yBar) ** 2) / N;
      dOut[n] = (2 * (yhat[n] - yBar)) / N;
    }
  }
  if (attrs.output === 'tanh') for (let k = 0; k < dOut.length; k++) dOut[k] *= 1 - yhat[k] * yhat[k];
  return { loss, dOut };
}

/** Loss, gradients and predictions at p (Float64). */
export function referenceLossAndGrads(p: RnnParams, seq: Sequences, y: Float64Array, attrs: ReferenceAttrs): { loss: number; grads: Grads; yhat: Float64Array } {
  const { N } = seq;
  const { O } = p;
  const { o, yhat } = predictions(p, seq, attrs);
  const { loss, dOut } = lossAndOutputGradient(yhat, y, N, O, attrs);
  const target = o.map((v, k) => v - ((N * O) / 2) * dOut[k]);
  return { loss, grads: bptt(p, seq, target, attrs.activation, 'many-to-one').grads, yhat };
}

const zeros = (p: RnnParams): Grads => Object.fromEntries(PARAM_NAMES.map((k) => [k, new Float64Array(p[k].length)])) as Grads;

/** Float64 training of the same model with the same optimiser, clipping and formulas as TfRnn. */
export class ReferenceTrainer {
  params: RnnParams;
  /** steps whose gradient norm exceeded the clipping threshold */
  clippedSteps = 0;
  private readonly m: Grads;
  private readonly v: Grads;
  private steps = 0;

  constructor(
    p: RnnParams,
    private readonly attrs: ReferenceAttrs,
    private optimizer: ReferenceOptimizer,
    private readonly clipNorm: number,
  ) {
    this.params = { ...p, ...Object.fromEntries(PARAM_NAMES.map((k) => [k, Float64Array.from(p[k])])) };
    this.m = zeros(p);
    this.v = zeros(p);
  }

  /** One step on (seq, y); returns the loss before it. */
  step(seq: Sequences, y: Float64Array): number {
    const { loss, grads } = referenceLossAndGrads(this.params, seq, y, this.attrs);
    let sq = 0;
    for (const k of PARAM_NAMES) for (const g of grads[k]) sq += g * g;
    const norm = Math.sqrt(sq);
    const scale = this.clipNorm > 0 ? this.clipNorm / Math.max(norm, this.clipNorm) : 1;
    if (scale < 1) this.clippedSteps++;
    this.steps++;
    const o = this.optimizer;
    for (const k of PARAM_NAMES) {
      const w = this.params[k];
      const g = grads[k];
      for (let e = 0; e < w.length; e++) {
        const ge = g[e] * scale;
        if (o.kind === 'sgd') {
          this.m[k][e] = o.momentum * this.m[k][e] + ge;
          w[e] -= o.lr * (o.momentum > 0 ? this.m[k][e] : ge);
        } else {
          this.m[k][e] = o.beta1 * this.m[k][e] + (1 - o.beta1) * ge;
          this.v[k][e] = o.beta2 * this.v[k][e] + (1 - o.beta2) * ge * ge;
          const mHat = this.m[k][e] / (1 - o.beta1 ** this.steps);
          const vHat = this.v[k][e] / (1 - o.beta2 ** this.steps);
          w[e] -= (o.lr * mHat) / (Math.sqrt(vHat) + o.epsilon);
        }
      }
    }
    return loss;
  }

  /** A new learning rate, the optimiser's state kept (as TfRnn.setOptions does). */
  setLearningRate(lr: number): void {
    this.optimizer = { ...this.optimizer, lr };
  }
}
