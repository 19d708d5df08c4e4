// Pieces every WGSL pass of the fused step shares: the uniform block, the
// offsets of the weights inside the state buffer, and the activation
// functions. Shapes (H, F, T, O, R) are compiled in as constants; what
// changes from step to step (rows in the batch, learning rate, Adam's bias
// corrections, clipping) comes in the uniform block.
import type { Activation } from '../../model/types.ts';
import { TANH_CLAMP, TANH_DEN, TANH_NUM } from '../wasm-gemm.ts';
import { MISC_FLOATS } from './plan.ts';

export interface StepKind {
  T: number;
  F: number;
  H: number;
  O: number;
  activation: Activation;
  output: 'linear' | 'tanh';
  loss: 'mse' | 'broadcast-mse';
}

/** What the update pass does after summing the gradients. */
export const UPDATE_MODE = { grads: 0, sgd: 1, momentum: 2, adam: 3 } as const;
/** Bits of Uniforms.flags read by the prep pass. */
export const PREP_PACK = 1;
export const PREP_MEAN = 2;

/** Floats of the uniform block (16 × 4 bytes, a multiple of 16). */
export const UNIFORM_FLOATS = 16;

/** The uniform block, field by field, in the order uniformData writes them. */
export const UNIFORMS_WGSL = /* wgsl */ `
struct Uniforms {
  n: u32,          // rows in this batch
  splitLen: u32,   // rows k of the gradient product per split
  kTotal: u32,     // n · (T + 1)
  mode: u32,       // UPDATE_MODE
  flags: u32,      // PREP_PACK | PREP_MEAN
  splits: u32,
  pad0: u32,
  pad1: u32,
  lr: f32,
  momentum: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
  bias1: f32,      // 1 − β1^step (Adam)
  bias2: f32,      // 1 − β2^step
  clipNorm: f32,   // 0 = no clipping
};
@group(0) @binding(0) var<uniform> u: Uniforms;
`;

export interface UniformValues {
  n: number;
  splitLen: number;
  kTotal: number;
  mode: number;
  flags: number;
  splits: number;
  lr: number;
  momentum: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  bias1: number;
  bias2: number;
  clipNorm: number;
}

export function uniformData(v: UniformValues): ArrayBuffer {
  const buf = new ArrayBuffer(UNIFORM_FLOATS * 4);
  new Uint32Array(buf, 0, 8).set([v.n, v.splitLen, v.kTotal, v.mode, v.flags, v.splits, 0, 0]);
  new Float32Array(buf, 32, 8).set([v.lr, v.momentum, v.beta1, v.beta2, v.epsilon, v.bias1, v.bias2, v.clipNorm]);
  return buf;
}

/** Offsets (in floats) of the regions of the state buffer: misc, W U b V c, their gradients, two optimiser slots, Wᵀ. */
export function stateOffsets(
  H: number,
  F: number,
  O: number,
): { W: number; U: number; b: number; V: number; c: number; grads: number; m1: number; m2: number; WT: number; P: number } {
  const P = H * H + H * F + H + O * H + O;
  const W = MISC_FLOATS;
  const U = W + H * H;
  const b = U + H * F;
  const V = b + H;
  const c = V + O * H;
  return { W, U, b, V, c, grads: W + P, m1: W + 2 * P, m2: W + 3 * P, WT: W + 4 * P, P };
}

const f = (v: number): string => {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
};

/** WGSL constants for the shape and the state offsets. */
export function shapeConstants(k: StepKind): string {
  const o = stateOffsets(k.H, k.F, k.O);
  return /* wgsl */ `
const H = ${k.H}u;
const F = ${k.F}u;
const T = ${k.T}u;
const O = ${k.O}u;
const P = ${o.P}u;
const OFF_W = ${o.W}u;
const OFF_U = ${o.U}u;
const OFF_B = ${o.b}u;
const OFF_V = ${o.V}u;
const OFF_C = ${o.c}u;
const OFF_G = ${o.grads}u;
const OFF_M1 = ${o.m1}u;
const OFF_M2 = ${o.m2}u;
const OFF_WT = ${o.WT}u;
const MISC_YBAR = 0u;
const MISC_LOSS = 1u;
const MISC_NORM = 2u;
`;
}

/**
 * tanh as the rational function of fused-step.ts (within a few float32 ulps,
 * accurate for tiny arguments, and ±1 beyond the clamp: no exp overflow).
 */
export const TANH_WGSL = /* wgsl */ `
fn tanh_r(v: f32) -> f32 {
  let x = clamp(v, ${f(-TANH_CLAMP)}, ${f(TANH_CLAMP)});
  let x2 = x * x;
  let p = x * (${f(TANH_NUM[0])} + x2 * (${f(TANH_NUM[1])} + x2 * (${f(TANH_NUM[2])} + x2 * (${f(TANH_NUM[3])} + x2 * (${f(TANH_NUM[4])} + x2 * (${f(TANH_NUM[5])} + x2 * ${f(TANH_NUM[6])}))))));
  let q = ${f(TANH_DEN[0])} + x2 * (${f(TANH_DEN[1])} + x2 * (${f(TANH_DEN[2])} + x2 * ${f(TANH_DEN[3])}));
  return p / q;
}
`;

/** σ and σ′ (from h = σ(a)) for the cell's activation. */
export function activationWgsl(act: Activation): string {
  const body = {
    tanh: { act: 'return tanh_r(a);', d: 'return 1.0 - h * h;' },
    relu: { act: 'return max(a, 0.0);', d: 'return select(0.0, 1.0, h > 0.0);' },
    linear: { act: 'return a;', d: 'return 1.0;' },
  }[act];
  return /* wgsl */ `
fn act(a: f32) -> f32 { ${body.act} }
fn dact(h: f32) -> f32 { ${body.d} }
`;
}

/** A stable key for the pipelines compiled for one kind of step. */
export const kindKey = (k: StepKind): string => `${k.T}.${k.F}.${k.H}.${k.O}.${k.activation}.${k.output}.${k.loss}`;
