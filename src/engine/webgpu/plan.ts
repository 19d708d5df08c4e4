// How the fused WGSL training step lays out one problem on one adapter, and
// whether it fits: pure arithmetic on the shape and the device's reported
// limits, so that the decision (fused kernel or tfjs's op graph) is testable
// without a GPU.
//
// The step runs as three compute passes (wgsl-step.ts, wgsl-reduce.ts):
//   recur   one workgroup of H invocations per R rows of the batch: forward
//           over t with the R hidden states in workgroup memory, output and
//           loss, then BPTT back over t; stores h(0..T) and ∂L/∂a(1..T) once;
//   gemm    every weight gradient (and the loss) as one product
//           Σ_k left_kᵀ right_k over the N·(T+1) rows k = (n, t), in 64×64
//           tiles, the rows split S ways for parallelism;
//   update  one workgroup: sums the S partials, the global norm, clipping
//           and the optimiser (SGD, momentum or Adam) on every weight.
// A fourth, tiny pass (prep) packs the weights into the state buffer when
// they changed outside the kernel, and takes the mean of y for the seed's
// broadcast loss.
//
// The gated cells (wgsl-gated.ts) run the same three passes: invocation i of
// the recurrence owns hidden unit i of every gate (G = 4 for the LSTM, 3 for
// the GRU), and the gradient product's left operand is a block of 4H per row
// and step (the LSTM's δ of i, f, g, o; the GRU's δ of r, z, n and the n
// gate's recurrent δ, which differs by the factor r).

/** The cells the WGSL step runs. */
export type StepCell = 'rnn' | 'lstm' | 'gru';

export interface StepShape {
  /** rows in this batch */
  N: number;
  T: number;
  F: number;
  H: number;
  O: number;
  /** the simple cell when absent */
  cell?: StepCell;
}

/** Gate blocks of a cell's recurrent weights (1 for the simple cell). */
export const gatesOf = (cell: StepCell): number => (cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1);

/**
 * What each cell keeps per row and step for the backward pass (floats, in
 * units of H): the simple cell ∂L/∂a; the LSTM its gates i, f, g, o and c
 * (the four gates then overwritten by their δ); the GRU r, z, n and the n
 * gate's recurrent sum (overwritten by the 4H block of δ the product reads).
 */
export const auxWidth = (cell: StepCell): number => (cell === 'lstm' ? 5 : cell === 'gru' ? 4 : 1);

/** Width (in units of H) of the block of δ per row and step that the gradient product reads. */
export const deltaWidth = (cell: StepCell): number => (cell === 'rnn' ? 1 : 4);

/** The device limits the plan depends on (a subset of GPUSupportedLimits). */
export interface StepLimits {
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  maxComputeWorkgroupSizeY: number;
  maxComputeWorkgroupsPerDimension: number;
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxStorageBuffersPerShaderStage: number;
}

/** WebGPU's guaranteed minimums (what an adapter offers at least). */
export const DEFAULT_LIMITS: StepLimits = {
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupSizeY: 256,
  maxComputeWorkgroupsPerDimension: 65535,
  maxStorageBufferBindingSize: 134217728,
  maxBufferSize: 268435456,
  maxStorageBuffersPerShaderStage: 8,
};

/** The gemm pass: TILE × TILE invocations, each 4 × 4 entries of a (4·TILE)² tile of M, K in chunks of TILE. */
export const TILE = 16;
export const GEMM_TILE = 4 * TILE;
/** Invocations of the single-workgroup prep and update passes. */
export const REDUCE_THREADS = 256;
/** Floats at the head of the state buffer: ȳ, loss, gradient norm, spare. */
export const MISC_FLOATS = 4;
/** Storage buffers the widest pass binds (prep: the weight tensors, y, state): 7, or 8 for a gated cell's six tensors. */
const bindingsOf = (cell: StepCell): number => (cell === 'rnn' ? 7 : 8);
/** Rows per workgroup at most: the recurrence keeps R accumulators per gate in registers. */
const maxRowsOf = (cell: StepCell): number => (cell === 'rnn' ? 16 : 8);

export interface StepPlan {
  shape: StepShape;
  /** batch rows per workgroup of the recurrence */
  R: number;
  /** workgroups of the recurrence */
  rowGroups: number;
  /** the cell's parameters in one vector (W, U, b, V, c or weight_ih, weight_hh, bias_ih, bias_hh, V, c) */
  P: number;
  /** rows (left operand) and columns (right operand) of the gradient product */
  LW: number;
  RW: number;
  /** reduction length N·(T+1), its split into `splits` ranges of `splitLen` (a multiple of TILE) */
  K: number;
  splits: number;
  splitLen: number;
  /** floats of each buffer (gs: what the recurrence keeps per row and step, auxWidth · H) */
  floats: { hs: number; gs: number; rows: number; partials: number; state: number };
}

export type PlanResult = { ok: true; plan: StepPlan } | { ok: false; reason: string };

/**
 * Parameters as one vector: W (H×H), U (H×F), b (H), V (O×H), c (O); for a
 * gated cell with G·H gate rows, weight_ih (G·H×F), weight_hh (G·H×H),
 * bias_ih and bias_hh (G·H), V, c.
 */
export const paramCount = (H: number, F: number, O: number, cell: StepCell = 'rnn'): number => {
  const GH = gatesOf(cell) * H;
  return cell === 'rnn' ? H * H + H * F + H + O * H + O : GH * F + GH * H + 2 * GH + O * H + O;
};

/**
 * State buffer: misc, weights, gradients, the two optimiser slots and the
 * recurrent weights transposed (H × G·H; the forward pass reads them by columns).
 */
export const stateFloats = (P: number, H: number, cell: StepCell = 'rnn'): number => MISC_FLOATS + 4 * P + gatesOf(cell) * H * H;

/** Floats of workgroup memory per row: h(t−1) forward, the recurrent δ backward (G·H), and the output gradients. */
const sharedPerRow = (H: number, O: number, cell: StepCell): number => gatesOf(cell) * H + O;

function rowsPerGroup(N: number, H: number, O: number, cell: StepCell, limits: StepLimits): number {
  // Enough workgroups to fill a GPU (~256), at most 16 rows (8 for a gated
  // cell: registers per invocation), and the R rows of shared state must fit
  // in workgroup memory.
  let R = maxRowsOf(cell);
  while (R > 1 && (N / R < 256 || R * sharedPerRow(H, O, cell) * 4 > limits.maxComputeWorkgroupStorageSize)) R >>= 1;
  return R;
}

function splitsFor(K: number, tiles: number): { splits: number; splitLen: number } {
  const want = Math.max(1, Math.min(Math.ceil(256 / tiles), Math.ceil(K / 256)));
  const splitLen = Math.ceil(Math.ceil(K / want) / TILE) * TILE;
  return { splits: Math.max(1, Math.ceil(K / splitLen)), splitLen };
}

/** The layout of one step, or why the fused kernel cannot run it on this adapter. */
export function planStep(shape: StepShape, limits: StepLimits): PlanResult {
  const { N, T, F, H, O } = shape;
  const cell = shape.cell ?? 'rnn';
  if (![N, T, F, H, O].every((v) => Number.isInteger(v) && v >= 1)) return { ok: false, reason: `shape ${JSON.stringify(shape)} is not positive integers` };
  const invocations = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (H > invocations) return { ok: false, reason: `hidden size ${H} > ${invocations} invocations per workgroup` };
  if (invocations < REDUCE_THREADS || limits.maxComputeWorkgroupSizeY < TILE) {
    return { ok: false, reason: `workgroups of ${REDUCE_THREADS} invocations (${TILE}×${TILE}) are not available` };
  }
  const bindings = bindingsOf(cell);
  if (limits.maxStorageBuffersPerShaderStage < bindings) return { ok: false, reason: `${limits.maxStorageBuffersPerShaderStage} storage buffers per stage < ${bindings}` };
  const R = rowsPerGroup(N, H, O, cell, limits);
  const shared = R * sharedPerRow(H, O, cell) * 4;
  if (shared > limits.maxComputeWorkgroupStorageSize) {
    return { ok: false, reason: `${shared} bytes of workgroup memory > maxComputeWorkgroupStorageSize ${limits.maxComputeWorkgroupStorageSize}` };
  }
  const rowGroups = Math.ceil(N / R);
  const P = paramCount(H, F, O, cell);
  const LW = deltaWidth(cell) * H + O + 1;
  const RW = H + F + 1;
  const K = N * (T + 1);
  const tiles = Math.ceil(LW / GEMM_TILE) * Math.ceil(RW / GEMM_TILE);
  const { splits, splitLen } = splitsFor(K, tiles);
  const perDim = limits.maxComputeWorkgroupsPerDimension;
  if (rowGroups > perDim || splits > perDim) return { ok: false, reason: `${Math.max(rowGroups, splits)} workgroups > maxComputeWorkgroupsPerDimension ${perDim}` };
  const floats = { hs: N * (T + 1) * H, gs: N * T * auxWidth(cell) * H, rows: N * (O + 1), partials: splits * LW * RW, state: stateFloats(P, H, cell) };
  const biggest = 4 * Math.max(...Object.values(floats), N * T * F);
  const cap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (biggest > cap) return { ok: false, reason: `a ${(biggest / 2 ** 20).toFixed(0)} MiB buffer > the adapter's ${(cap / 2 ** 20).toFixed(0)} MiB binding limit` };
  return { ok: true, plan: { shape, R, rowGroups, P, LW, RW, K, splits, splitLen, floats } };
}
