// One training step of the trainer's model in Float64, for checking the
// float32 engines (the fused WGSL steps, a backend's self-test): the loss of
// the many-to-one regressor of any cell for each output layer and loss the
// trainer offers, its gradients by the hand-written backward passes
// (model/cell-reference.ts: bptt.ts, lstm.ts, gru.ts, truncated BPTT
// included), then global-norm clipping and SGD / momentum / Adam with tfjs's
// formulas.
//
// The backward passes differentiate the plain MSE, whose output gradient is
// 2(o − y)/(N·O). Any other loss ℓ(o) enters them through the target
// y′ = o − (N·O/2)·∂ℓ/∂o, for which that gradient is exactly ∂ℓ/∂o: the same
// backward pass then gives every ∂ℓ/∂θ for the tanh output and the seed's
// broadcast MSE too.
import { cellBackward } from '../model/cell-reference.ts';
import { cellOf, paramArrays, paramNames, type CellParams, type GatedParams } from '../model/cells.ts';
import { gruForward } from '../model/gru.ts';
import { lstmForward } from '../model/lstm.ts';
import { forward } from '../model/rnn.ts';
import type { Activation, RnnParams, Sequences } from '../model/types.ts';

export interface ReferenceAttrs {
  /** the simple cell's σ (the gated cells' gates are fixed) */
  activation: Activation;
  output: 'linear' | 'tanh';
  loss: 'mse' | 'broadcast-mse';
  /** truncated BPTT over this many steps; 0 or absent = full */
  truncate?: number;
}

/** Gradients (or weights) by parameter name. */
export type NamedArrays = Record<string, Float64Array>;

/** o(t) of every step, N×T×O, for p's cell. */
function allOutputs(p: CellParams, seq: Sequences, act: Activation): Float64Array {
  switch (cellOf(p)) {
    case 'rnn':
      return forward(p as RnnParams, seq, act).o;
    case 'lstm':
      return lstmForward(p as GatedParams, seq).o;
    case 'gru':
      return gruForward(p as GatedParams, seq).o;
  }
}

export type ReferenceOptimizer = { kind: 'sgd'; lr: number; momentum: number } | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number };

/** ŷ of each sample (N×O): o(T) or tanh(o(T)). */
function predictions(p: CellParams, seq: Sequences, attrs: ReferenceAttrs): { o: Float64Array; yhat: Float64Array } {
  const { N, T } = seq;
  const { O } = p;
  const all = allOutputs(p, seq, attrs.activation);
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

/** Loss, gradients (by parameter name) and predictions at p (Float64). */
export function referenceLossAndGrads(p: CellParams, seq: Sequences, y: Float64Array, attrs: ReferenceAttrs): { loss: number; grads: NamedArrays; yhat: Float64Array } {
  const { N } = seq;
  const { O } = p;
  const { o, yhat } = predictions(p, seq, attrs);
  const { loss, dOut } = lossAndOutputGradient(yhat, y, N, O, attrs);
  const target = o.map((v, k) => v - ((N * O) / 2) * dOut[k]);
  return { loss, grads: cellBackward(p, seq, target, 'many-to-one', attrs.activation, attrs.truncate ?? 0).grads, yhat };
}

const zeros = (p: CellParams): NamedArrays => Object.fromEntries(Object.entries(paramArrays(p)).map(([k, a]) => [k, new Float64Array(a.length)]));

/** Float64 training of the same model with the same optimiser, clipping and formulas as TfRnn and TfGated. */
export class ReferenceTrainer {
  params: CellParams;
  /** steps whose gradient norm exceeded the clipping threshold */
  clippedSteps = 0;
  private readonly names: readonly string[];
  private readonly m: NamedArrays;
  private readonly v: NamedArrays;
  private steps = 0;

  constructor(
    p: CellParams,
    private readonly attrs: ReferenceAttrs,
    private optimizer: ReferenceOptimizer,
    private readonly clipNorm: number,
  ) {
    this.names = paramNames(cellOf(p));
    this.params = { ...p, ...Object.fromEntries(Object.entries(paramArrays(p)).map(([k, a]) => [k, Float64Array.from(a)])) };
    this.m = zeros(p);
    this.v = zeros(p);
  }

  /** One step on (seq, y); returns the loss before it. */
  step(seq: Sequences, y: Float64Array): number {
    const { loss, grads } = referenceLossAndGrads(this.params, seq, y, this.attrs);
    let sq = 0;
    for (const k of this.names) for (const g of grads[k]) sq += g * g;
    const norm = Math.sqrt(sq);
    const scale = this.clipNorm > 0 ? this.clipNorm / Math.max(norm, this.clipNorm) : 1;
    if (scale < 1) this.clippedSteps++;
    this.steps++;
    const o = this.optimizer;
    const weights = paramArrays(this.params);
    for (const k of this.names) {
      const w = weights[k];
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
