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

export interface StepShape {
  /** rows in this batch */
  N: number;
  T: number;
  F: number;
  H: number;
  O: number;
}

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
/** Storage buffers the widest pass binds (prep: W, U, b, V, c, y, state). */
const BINDINGS = 7;

export interface StepPlan {
  shape: StepShape;
  /** batch rows per workgroup of the recurrence */
  R: number;
  /** workgroups of the recurrence */
  rowGroups: number;
  /** parameters W, U, b, V, c in one vector */
  P: number;
  /** rows (left operand) and columns (right operand) of the gradient product */
  LW: number;
  RW: number;
  /** reduction length N·(T+1), its split into `splits` ranges of `splitLen` (a multiple of TILE) */
  K: number;
  splits: number;
  splitLen: number;
  /** floats of each buffer */
  floats: { hs: number; gs: number; rows: number; partials: number; state: number };
}

export type PlanResult = { ok: true; plan: StepPlan } | { ok: false; reason: string };

/** Parameters W (H×H), U (H×F), b (H), V (O×H), c (O) as one vector. */
export const paramCount = (H: number, F: number, O: number): number => H * H + H * F + H + O * H + O;

/** State buffer: misc, weights, gradients, the two optimiser slots and Wᵀ (the forward pass reads W by columns). */
export const stateFloats = (P: number, H: number): number => MISC_FLOATS + 4 * P + H * H;

function rowsPerGroup(N: number, H: number, O: number, limits: StepLimits): number {
  // Enough workgroups to fill a GPU (~256), at most 16 rows (registers per
  // invocation), and the R hidden rows plus R·O output gradients must fit in
  // workgroup memory.
  let R = 16;
  while (R > 1 && (N / R < 256 || R * (H + O) * 4 > limits.maxComputeWorkgroupStorageSize)) R >>= 1;
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
  if (![N, T, F, H, O].every((v) => Number.isInteger(v) && v >= 1)) return { ok: false, reason: `shape ${JSON.stringify(shape)} is not positive integers` };
  const invocations = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (H > invocations) return { ok: false, reason: `hidden size ${H} > ${invocations} invocations per workgroup` };
  if (invocations < REDUCE_THREADS || limits.maxComputeWorkgroupSizeY < TILE) {
    return { ok: false, reason: `workgroups of ${REDUCE_THREADS} invocations (${TILE}×${TILE}) are not available` };
  }
  if (limits.maxStorageBuffersPerShaderStage < BINDINGS) return { ok: false, reason: `${limits.maxStorageBuffersPerShaderStage} storage buffers per stage < ${BINDINGS}` };
  const R = rowsPerGroup(N, H, O, limits);
  const shared = R * (H + O) * 4;
  if (shared > limits.maxComputeWorkgroupStorageSize) {
    return { ok: false, reason: `${shared} bytes of workgroup memory > maxComputeWorkgroupStorageSize ${limits.maxComputeWorkgroupStorageSize}` };
  }
  const rowGroups = Math.ceil(N / R);
  const P = paramCount(H, F, O);
  const LW = H + O + 1;
  const RW = H + F + 1;
  const K = N * (T + 1);
  const tiles = Math.ceil(LW / GEMM_TILE) * Math.ceil(RW / GEMM_TILE);
  const { splits, splitLen } = splitsFor(K, tiles);
  const perDim = limits.maxComputeWorkgroupsPerDimension;
  if (rowGroups > perDim || splits > perDim) return { ok: false, reason: `${Math.max(rowGroups, splits)} workgroups > maxComputeWorkgroupsPerDimension ${perDim}` };
  const floats = { hs: N * (T + 1) * H, gs: N * T * H, rows: N * (O + 1), partials: splits * LW * RW, state: stateFloats(P, H) };
  const biggest = 4 * Math.max(...Object.values(floats), N * T * F);
  const cap = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (biggest > cap) return { ok: false, reason: `a ${(biggest / 2 ** 20).toFixed(0)} MiB buffer > the adapter's ${(cap / 2 ** 20).toFixed(0)} MiB binding limit` };
  return { ok: true, plan: { shape, R, rowGroups, P, LW, RW, K, splits, splitLen, floats } };
}
