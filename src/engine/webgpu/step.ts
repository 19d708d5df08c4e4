// The fused WGSL training step on tfjs's webgpu backend, as three calls:
//
//   webgpuGrads      loss and gradients (the 'UnrolledRnnGrads' kernel of tf-fused.ts)
//   webgpuForward    predictions ŷ ('UnrolledRnnForward')
//   webgpuTrainStep  loss, then clipping and the optimiser on the GPU, the
//                    weights updated in a state buffer the caller keeps
//                    (training.ts); nothing is read back but what the caller awaits.
//
// A step is one command buffer: [prep] · recur · gemm · update, then copies
// of the results into fresh tfjs tensors. plan.ts decides the layout and
// whether it fits the adapter.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { bufferOf, newOutput, passFor, Scratch, submit, type Backend, type Copy, type Dispatch } from './device.ts';
import { GEMM_TILE, planStep, type StepLimits, type StepPlan } from './plan.ts';
import { kindKey, PREP_MEAN, PREP_PACK, stateOffsets, uniformData, UPDATE_MODE, type StepKind, type UniformValues } from './wgsl-common.ts';
import { RECUR_ACCESS, recurWgsl } from './wgsl-recur.ts';
import { GEMM_ACCESS, gemmWgsl, PREP_ACCESS, prepWgsl, UPDATE_ACCESS, updateWgsl } from './wgsl-reduce.ts';

export interface StepInputs {
  x: TensorInfo;
  y: TensorInfo;
  W: TensorInfo;
  U: TensorInfo;
  b: TensorInfo;
  V: TensorInfo;
  c: TensorInfo;
}

export type StepAttrs = Pick<StepKind, 'activation' | 'output' | 'loss'>;

/** The optimiser of one training step, as TfRnn specifies it, with Adam's step count. */
export type UpdateSpec =
  | { kind: 'sgd'; lr: number; momentum: number }
  | { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number; step: number };

export function limitsOf(backend: Backend): StepLimits {
  return backend.device.limits;
}

/** The kind (compiled shape) and layout of a step on these inputs, or why it does not fit. */
export function stepLayout(backend: Backend, inputs: StepInputs, attrs: StepAttrs): { kind: StepKind; plan: StepPlan } {
  const [N, T, F] = inputs.x.shape;
  const H = inputs.W.shape[0];
  const O = inputs.V.shape[0];
  if (attrs.loss === 'broadcast-mse' && O !== 1) throw new Error(`broadcast-mse needs one output, got ${O}`);
  const r = planStep({ N, T, F, H, O }, limitsOf(backend));
  if (!r.ok) throw new Error(`fused WGSL step: ${r.reason}`);
  return { kind: { T, F, H, O, ...attrs }, plan: r.plan };
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
  const key = kindKey(kind);
  const buf = (t: TensorInfo) => bufferOf(backend, t);
  const x = buf(inputs.x);
  const y = buf(inputs.y);
  const list: Dispatch[] = [];
  const flags = (run.pack ? PREP_PACK : 0) | (kind.loss === 'broadcast-mse' && !run.forwardOnly ? PREP_MEAN : 0);
  if (flags) {
    const prep = passFor(device, `prep.${key}`, PREP_ACCESS, () => prepWgsl(kind));
    list.push({ pass: prep, buffers: [buf(inputs.W), buf(inputs.U), buf(inputs.b), buf(inputs.V), buf(inputs.c), y, state], groups: [1, 1, 1] });
  }
  const hs = scratch.storage(plan.floats.hs);
  const gs = scratch.storage(run.forwardOnly ? 4 : plan.floats.gs);
  const rows = scratch.storage(plan.floats.rows);
  const recur = passFor(device, `recur${run.forwardOnly ? 'F' : ''}.${plan.R}.${key}`, RECUR_ACCESS, () => recurWgsl(kind, plan.R, run.forwardOnly === true));
  list.push({ pass: recur, buffers: [x, y, state, hs, gs, rows], groups: [plan.rowGroups, 1, 1] });
  if (!run.forwardOnly) {
    const partials = scratch.storage(plan.floats.partials);
    const gemm = passFor(device, `gemm.${key}`, GEMM_ACCESS, () => gemmWgsl(kind));
    list.push({ pass: gemm, buffers: [x, hs, gs, rows, partials], groups: [Math.ceil(plan.RW / GEMM_TILE), Math.ceil(plan.LW / GEMM_TILE), plan.splits] });
    const update = passFor(device, `update.${key}`, UPDATE_ACCESS, () => updateWgsl(kind));
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

/** Copies of the loss and the five weight-shaped regions starting at `from` of the state into new tensors. */
function weightOutputs(backend: Backend, kind: StepKind, state: GPUBuffer, from: 'grads' | 'weights'): { infos: TensorInfo[]; copies: Copy[] } {
  const { H, F, O } = kind;
  const o = stateOffsets(H, F, O);
  const shift = from === 'grads' ? o.grads - o.W : 0;
  const regions: [number[], number][] = [
    [[H, H], o.W],
    [[H, F], o.U],
    [[H], o.b],
    [[O, H], o.V],
    [[O], o.c],
  ];
  const loss = newOutput(backend, []);
  const infos = [loss.info];
  const copies: Copy[] = [{ from: state, fromFloat: 1, to: loss.buffer, floats: 1 }];
  for (const [shape, at] of regions) {
    const out = newOutput(backend, shape);
    infos.push(out.info);
    copies.push({ from: state, fromFloat: at + shift, to: out.buffer, floats: shape.reduce((a, b) => a * b, 1) });
  }
  return { infos, copies };
}

/** [loss, ∂W, ∂U, ∂b, ∂V, ∂c] at the given weights. */
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

/** [loss, W′, U′, b′, V′, c′]: one optimiser step; the state keeps the new weights and slots. */
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
