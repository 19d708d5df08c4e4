// The fused WGSL training step on tfjs's webgpu backend, for any cell, as three calls:
//
//   webgpuGrads      loss and gradients (the 'Unrolled{Rnn,Lstm,Gru}Grads' kernels of tf-fused*.ts)
//   webgpuForward    predictions ŷ ('Unrolled{Rnn,Lstm,Gru}Forward')
//   webgpuTrainStep  loss, then clipping and the optimiser on the GPU, the
//                    weights updated in a state buffer the caller keeps
//                    (training.ts); nothing is read back but what the caller awaits.
//
// A step is one command buffer: [prep] · recur · gemm · update, then copies
// of the results into fresh tfjs tensors. plan.ts decides the layout and
// whether it fits the adapter; the simple cell's recurrence is wgsl-recur.ts,
// the gated cells' wgsl-gated.ts.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bufferOf, newOutput, passFor, Scratch, submit, type Access, type Backend, type Copy, type Dispatch } from './device.ts';
import { GEMM_TILE, planStep, type StepCell, type StepLimits, type StepPlan } from './plan.ts';
import { kindKey, PREP_MEAN, PREP_PACK, stateLayout, uniformData, UPDATE_MODE, type StepKind, type UniformValues } from './wgsl-common.ts';
import { GATED_PREP_ACCESS, gatedPrepWgsl, gatedRecurWgsl, gatedReduce } from './wgsl-gated.ts';
import { RECUR_ACCESS, recurWgsl } from './wgsl-recur.ts';
import { GEMM_ACCESS, gemmWgsl, PREP_ACCESS, prepWgsl, simpleReduce, UPDATE_ACCESS, updateWgsl, type CellReduce } from './wgsl-reduce.ts';

/** x, y and the cell's weight tensors in the state's packing order (STEP_PARAMS). */
export interface StepInputs {
  x: TensorInfo;
  y: TensorInfo;
  weights: readonly TensorInfo[];
}

export type StepAttrs = Pick<StepKind, 'cell' | 'activation' | 'output' | 'loss' | 'truncate'>;

/** The optimiser of one training step, as TfRnn specifies it, with Adam's step count. */
export type UpdateSpec =
  | { kind: 'sgd'; lr: number; momentum: number }
  | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number; step: number };

export function limitsOf(backend: Backend): StepLimits {
  return backend.device.limits;
}

/** The WGSL of each pass for one cell (the gemm and update passes are shared, with the cell's parts). */
interface CellProgram {
  prep(k: StepKind): string;
  prepAccess: readonly Access[];
  recur(k: StepKind, R: number, forwardOnly: boolean): string;
  reduce(k: StepKind): CellReduce;
}

const gated = (k: StepKind) => ({ ...k, cell: k.cell as 'lstm' | 'gru' });
const GATED_PROGRAM: CellProgram = {
  prep: (k) => gatedPrepWgsl(gated(k)),
  prepAccess: GATED_PREP_ACCESS,
  recur: (k, R, forwardOnly) => gatedRecurWgsl(gated(k), R, forwardOnly),
  reduce: (k) => gatedReduce(gated(k)),
};
const PROGRAMS: Record<StepCell, CellProgram> = {
  rnn: { prep: prepWgsl, prepAccess: PREP_ACCESS, recur: recurWgsl, reduce: simpleReduce },
  lstm: GATED_PROGRAM,
  gru: GATED_PROGRAM,
};

/** The kind (compiled shape) and layout of a step on these inputs, or why it does not fit. */
export function stepLayout(backend: Backend, inputs: StepInputs, attrs: StepAttrs): { kind: StepKind; plan: StepPlan } {
  const [N, T, F] = inputs.x.shape;
  const V = inputs.weights[inputs.weights.length - 2];
  const [O, H] = V.shape;
  const cell = attrs.cell ?? 'rnn';
  if (attrs.loss === 'broadcast-mse' && O !== 1) throw new Error(`broadcast-mse needs one output, got ${O}`);
  const r = planStep({ N, T, F, H, O, cell }, limitsOf(backend));
  if (!r.ok) throw new Error(`fused WGSL step: ${r.reason}`);
  return { kind: { T, F, H, O, ...attrs, cell }, plan: r.plan };
}

interface Run {
  kind: StepKind;
  plan: StepPlan;
  inputs: StepInputs;
  state: GPUBuffer;
  /** copy W … c into the state first */
  pack: boolean;
  mode: number;
  uniforms: Partial<UniformValues>;
  forwardOnly?: boolean;
  clearState?: boolean;
}

/** The passes of one call, with the prep flags they need and the rows buffer (ŷ in the forward-only variant). */
function dispatches(backend: Backend, run: Run, scratch: Scratch): { list: Dispatch[]; rows: GPUBuffer; flags: number } {
  const { kind, plan, inputs, state } = run;
  const device = backend.device;
  const program = PROGRAMS[kind.cell ?? 'rnn'];
  const key = kindKey(kind);
  const buf = (t: TensorInfo) => bufferOf(backend, t);
  const x = buf(inputs.x);
  const y = buf(inputs.y);
  const list: Dispatch[] = [];
  const flags = (run.pack ? PREP_PACK : 0) | (kind.loss === 'broadcast-mse' && !run.forwardOnly ? PREP_MEAN : 0);
  if (flags) {
    const prep = passFor(device, `prep.${key}`, program.prepAccess, () => program.prep(kind));
    list.push({ pass: prep, buffers: [...inputs.weights.map(buf), y, state], groups: [1, 1, 1] });
  }
  const hs = scratch.storage(run.forwardOnly ? 4 : plan.floats.hs);
  const gs = scratch.storage(run.forwardOnly ? 4 : plan.floats.gs);
  const rows = scratch.storage(plan.floats.rows);
  const recur = passFor(device, `recur${run.forwardOnly ? 'F' : ''}.${plan.R}.${key}`, RECUR_ACCESS, () => program.recur(kind, plan.R, run.forwardOnly === true));
  list.push({ pass: recur, buffers: [x, y, state, hs, gs, rows], groups: [plan.rowGroups, 1, 1] });
  if (!run.forwardOnly) {
    const partials = scratch.storage(plan.floats.partials);
    const gemm = passFor(device, `gemm.${key}`, GEMM_ACCESS, () => gemmWgsl(kind, program.reduce(kind)));
    list.push({ pass: gemm, buffers: [x, hs, gs, rows, partials], groups: [Math.ceil(plan.RW / GEMM_TILE), Math.ceil(plan.LW / GEMM_TILE), plan.splits] });
    const update = passFor(device, `update.${key}`, UPDATE_ACCESS, () => updateWgsl(kind, program.reduce(kind)));
    list.push({ pass: update, buffers: [partials, state], groups: [1, 1, 1] });
  }
  return { list, rows, flags };
}

function execute(backend: Backend, run: Run, copies: (rows: GPUBuffer) => Copy[]): void {
  const scratch = new Scratch(backend);
  try {
    const { list, rows, flags } = dispatches(backend, run, scratch);
    const { plan } = run;
    const values: UniformValues = {
      n: plan.shape.N,
      splitLen: plan.splitLen,
      kTotal: plan.K,
      mode: run.mode,
      flags,
      splits: plan.splits,
      lr: 0,
      momentum: 0,
      beta1: 0,
      beta2: 0,
      epsilon: 0,
      bias1: 1,
      bias2: 1,
      clipNorm: 0,
      ...run.uniforms,
    };
    submit(backend, scratch.uniforms(uniformData(values)), list, copies(rows), run.clearState ? run.state : undefined);
  } finally {
    scratch.release();
  }
}

/** Copies of the loss and the weight-shaped regions (the weights, or their gradients) of the state into new tensors. */
function weightOutputs(backend: Backend, kind: StepKind, state: GPUBuffer, from: 'grads' | 'weights'): { infos: TensorInfo[]; copies: Copy[] } {
  const l = stateLayout(kind);
  const shift = from === 'grads' ? l.grads - l.weights : 0;
  const loss = newOutput(backend, []);
  const infos = [loss.info];
  const copies: Copy[] = [{ from: state, fromFloat: 1, to: loss.buffer, floats: 1 }];
  l.shapes.forEach((shape, i) => {
    const out = newOutput(backend, shape);
    infos.push(out.info);
    copies.push({ from: state, fromFloat: l.at[i] + shift, to: out.buffer, floats: shape.reduce((a, b) => a * b, 1) });
  });
  return { infos, copies };
}

/** [loss, then the gradient of each weight tensor] at the given weights. */
export function webgpuGrads(backend: Backend, inputs: StepInputs, attrs: StepAttrs): TensorInfo[] {
  const { kind, plan } = stepLayout(backend, inputs, attrs);
  const scratch = new Scratch(backend);
  try {
    const state = scratch.storage(plan.floats.state);
    const out = weightOutputs(backend, kind, state, 'grads');
    execute(backend, { kind, plan, inputs, state, pack: true, mode: UPDATE_MODE.grads, uniforms: {} }, () => out.copies);
    return out.infos;
  } finally {
    scratch.release();
  }
}

/** ŷ (N×O) at the given weights. */
export function webgpuForward(backend: Backend, inputs: Omit<StepInputs, 'y'>, attrs: StepAttrs): TensorInfo {
  const full = { ...inputs, y: inputs.x };
  const { kind, plan } = stepLayout(backend, full, attrs);
  const scratch = new Scratch(backend);
  try {
    const state = scratch.storage(plan.floats.state);
    const out = newOutput(backend, [plan.shape.N, kind.O]);
    execute(backend, { kind, plan, inputs: full, state, pack: true, mode: UPDATE_MODE.grads, uniforms: {}, forwardOnly: true }, (rows) => [
      { from: rows, fromFloat: 0, to: out.buffer, floats: plan.shape.N * kind.O },
    ]);
    return out.info;
  } finally {
    scratch.release();
  }
}

export interface TrainStepCall {
  inputs: StepInputs;
  attrs: StepAttrs;
  /** the caller's state buffer (stateFloats(P, H) floats): weights, gradients, optimiser slots */
  state: GPUBuffer;
  /** copy the weight tensors into the state first (they changed outside the kernel) */
  pack: boolean;
  /** zero the state first (new optimiser) */
  clear: boolean;
  update: UpdateSpec;
  /** global-norm clipping threshold; 0 = off */
  clipNorm: number;
}

/** [loss, then each weight tensor after one optimiser step]; the state keeps the new weights and slots. */
export function webgpuTrainStep(backend: Backend, call: TrainStepCall): TensorInfo[] {
  const { kind, plan } = stepLayout(backend, call.inputs, call.attrs);
  const u = call.update;
  const uniforms: Partial<UniformValues> =
    u.kind === 'sgd'
      ? { lr: u.lr, momentum: u.momentum, clipNorm: call.clipNorm }
      : { lr: u.lr, beta1: u.beta1, beta2: u.beta2, epsilon: u.epsilon, bias1: 1 - u.beta1 ** u.step, bias2: 1 - u.beta2 ** u.step, clipNorm: call.clipNorm };
  const mode = u.kind === 'adam' ? UPDATE_MODE.adam : u.momentum > 0 ? UPDATE_MODE.momentum : UPDATE_MODE.sgd;
  const out = weightOutputs(backend, kind, call.state, 'weights');
  execute(backend, { kind, plan, inputs: call.inputs, state: call.state, pack: call.pack || call.clear, mode, uniforms, clearState: call.clear }, () => out.copies);
  return out.infos;
}
