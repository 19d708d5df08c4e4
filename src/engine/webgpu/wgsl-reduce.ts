// The passes of the fused WGSL step around the recurrence (wgsl-recur.ts):
//
//   prep    one workgroup: copy W, U, b, V, c into the state buffer (when they
//           changed outside the kernel) and take ȳ for the broadcast loss;
//   gemm    every weight gradient and the loss as one product over the rows
//           k = (n, t), t = 0..T, of the batch:
//             M = Σ_k left_kᵀ right_k   ((H + O + 1) × (H + F + 1))
//             left_k  = [g(t+1) (t < T) | e (t = T) | loss term (t = T)]
//             right_k = [h(t) | x(t+1) (t < T) | 1]
//           so M holds [∂W | ∂U | ∂b] in its first H rows, [∂V | · | ∂c] in
//           the next O and the loss in its corner; 64×64 tiles through
//           workgroup memory (4×4 per invocation), the k range split S ways
//           (one partial M each);
//   update  one workgroup: sums the S partials of each weight's gradient, the
//           global norm, clipping, then SGD / momentum / Adam in place, with
//           tfjs's formulas (optimizers/*.js).
import { PREP_MEAN, PREP_PACK, shapeConstants, UNIFORMS_WGSL, UPDATE_MODE, type StepKind } from './wgsl-common.ts';
import { REDUCE_THREADS, TILE } from './plan.ts';
import type { Access } from './device.ts';

/** Bindings 1… of each pass (after the uniforms at 0), in the order the WGSL below declares them. */
export const PREP_ACCESS: readonly Access[] = ['read', 'read', 'read', 'read', 'read', 'read', 'write']; // W, U, b, V, c, y, state
export const GEMM_ACCESS: readonly Access[] = ['read', 'read', 'read', 'read', 'write']; // x, hs, gs, rows, partials
export const UPDATE_ACCESS: readonly Access[] = ['read', 'write']; // partials, state

const LR_CONSTANTS = (k: StepKind): string => /* wgsl */ `
const LW = ${k.H + k.O + 1}u;
const RW = ${k.H + k.F + 1}u;
const THREADS = ${REDUCE_THREADS}u;
var<workgroup> red: array<f32, ${REDUCE_THREADS}>;

// Sum of red[0..THREADS) into red[0] (every invocation must call it).
fn reduceSum(li: u32) {
  for (var s = THREADS / 2u; s > 0u; s >>= 1u) {
    if (li < s) { red[li] += red[li + s]; }
    workgroupBarrier();
  }
}
`;

export function prepWgsl(k: StepKind): string {
  return /* wgsl */ `${UNIFORMS_WGSL}${shapeConstants(k)}${LR_CONSTANTS(k)}
@group(0) @binding(1) var<storage, read> W: array<f32>;
@group(0) @binding(2) var<storage, read> U: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read> V: array<f32>;
@group(0) @binding(5) var<storage, read> c: array<f32>;
@group(0) @binding(6) var<storage, read> y: array<f32>;
@group(0) @binding(7) var<storage, read_write> state: array<f32>;

@compute @workgroup_size(${REDUCE_THREADS})
fn main(@builtin(local_invocation_index) li: u32) {
  if ((u.flags & ${PREP_PACK}u) != 0u) {
    for (var e = li; e < H * H; e += THREADS) {
      state[OFF_W + e] = W[e];
      state[OFF_WT + (e % H) * H + e / H] = W[e];
    }
    for (var e = li; e < H * F; e += THREADS) { state[OFF_U + e] = U[e]; }
    for (var e = li; e < H; e += THREADS) { state[OFF_B + e] = b[e]; }
    for (var e = li; e < O * H; e += THREADS) { state[OFF_V + e] = V[e]; }
    for (var e = li; e < O; e += THREADS) { state[OFF_C + e] = c[e]; }
  }
  if ((u.flags & ${PREP_MEAN}u) != 0u) {
    var s = 0.0;
    for (var n = li; n < u.n; n += THREADS) { s += y[n]; }
    red[li] = s;
    workgroupBarrier();
    reduceSum(li);
    if (li == 0u) { state[MISC_YBAR] = red[0] / f32(u.n); }
  }
}
`;
}

export function gemmWgsl(k: StepKind): string {
  return /* wgsl */ `${UNIFORMS_WGSL}${shapeConstants(k)}
const LW = ${k.H + k.O + 1}u;
const RW = ${k.H + k.F + 1}u;
const TL = ${TILE}u;        // invocations per side; K chunk
const TM = ${4 * TILE}u;    // tile side: each invocation owns 4 × 4 entries, TL apart
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> hs: array<f32>;
@group(0) @binding(3) var<storage, read> gs: array<f32>;
@group(0) @binding(4) var<storage, read> rows: array<f32>;
@group(0) @binding(5) var<storage, read_write> partials: array<f32>;

var<workgroup> lt: array<f32, ${4 * TILE * TILE}>; // [kk][i] of the chunk
var<workgroup> rt: array<f32, ${4 * TILE * TILE}>; // [kk][j]

fn left(k: u32, i: u32) -> f32 {
  let n = k / (T + 1u);
  let t = k - n * (T + 1u);
  if (t < T) {
    if (i < H) { return gs[(n * T + t) * H + i]; }
    return 0.0;
  }
  if (i < H) { return 0.0; }
  if (i < H + O) { return rows[n * O + i - H]; }
  return rows[u.n * O + n]; // i == H + O: the loss term
}

fn right(k: u32, j: u32) -> f32 {
  let n = k / (T + 1u);
  let t = k - n * (T + 1u);
  if (j < H) { return hs[(n * (T + 1u) + t) * H + j]; }
  if (j < H + F) {
    if (t < T) { return x[(n * T + t) * F + j - H]; }
    return 0.0;
  }
  return 1.0;
}

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(local_invocation_id) l: vec3<u32>, @builtin(local_invocation_index) li: u32, @builtin(workgroup_id) w: vec3<u32>) {
  let i0 = w.y * TM;
  let j0 = w.x * TM;
  let kStart = w.z * u.splitLen;
  let kEnd = min(kStart + u.splitLen, u.kTotal);
  var acc: array<vec4<f32>, 4>; // acc[p][q]: row l.y + p·TL, column l.x + q·TL
  for (var k0 = kStart; k0 < kEnd; k0 += TL) {
    // the chunk's 16 rows of left (64 wide) and right (64 wide), 4 entries per invocation
    for (var q = 0u; q < 4u; q++) {
      let e = li + q * TL * TL;
      let kk = e / TM;
      let c = e - kk * TM;
      let k = k0 + kk;
      let kc = min(k, kEnd - 1u);
      lt[e] = select(0.0, left(kc, min(i0 + c, LW - 1u)), k < kEnd && i0 + c < LW);
      rt[e] = select(0.0, right(kc, min(j0 + c, RW - 1u)), k < kEnd && j0 + c < RW);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TL; kk++) {
      let r0 = kk * TM + l.x;
      let b = vec4<f32>(rt[r0], rt[r0 + TL], rt[r0 + 2u * TL], rt[r0 + 3u * TL]);
      let l0 = kk * TM + l.y;
      acc[0] += lt[l0] * b;
      acc[1] += lt[l0 + TL] * b;
      acc[2] += lt[l0 + 2u * TL] * b;
      acc[3] += lt[l0 + 3u * TL] * b;
    }
    workgroupBarrier();
  }
  ${[0, 1, 2, 3].map((p) => `store(w.z, i0 + l.y + ${p}u * TL, j0 + l.x, acc[${p}]);`).join('\n  ')}
}

fn store(split: u32, i: u32, j: u32, v: vec4<f32>) {
  if (i >= LW) { return; }
  let at = split * LW * RW + i * RW;
  if (j < RW) { partials[at + j] = v.x; }
  if (j + TL < RW) { partials[at + j + TL] = v.y; }
  if (j + 2u * TL < RW) { partials[at + j + 2u * TL] = v.z; }
  if (j + 3u * TL < RW) { partials[at + j + 3u * TL] = v.w; }
}
`;
}

export function updateWgsl(k: StepKind): string {
  return /* wgsl */ `${UNIFORMS_WGSL}${shapeConstants(k)}${LR_CONSTANTS(k)}
@group(0) @binding(1) var<storage, read> partials: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: array<f32>;

// Where weight e of the packed vector (W, U, b, V, c) sits in M.
fn cell(e0: u32) -> u32 {
  var e = e0;
  if (e < H * H) { return (e / H) * RW + e % H; }
  e -= H * H;
  if (e < H * F) { return (e / F) * RW + H + e % F; }
  e -= H * F;
  if (e < H) { return e * RW + H + F; }
  e -= H;
  if (e < O * H) { return (H + e / H) * RW + e % H; }
  e -= O * H;
  return (H + e) * RW + H + F;
}

fn summed(at: u32) -> f32 {
  var s = 0.0;
  for (var p = 0u; p < u.splits; p++) { s += partials[p * LW * RW + at]; }
  return s;
}

@compute @workgroup_size(${REDUCE_THREADS})
fn main(@builtin(local_invocation_index) li: u32) {
  var ss = 0.0;
  for (var e = li; e < P; e += THREADS) {
    let g = summed(cell(e));
    state[OFF_G + e] = g;
    ss += g * g;
  }
  red[li] = ss;
  workgroupBarrier();
  reduceSum(li);
  let norm = sqrt(red[0]);
  if (li == 0u) {
    state[MISC_LOSS] = summed((H + O) * RW + H + F);
    state[MISC_NORM] = norm;
  }
  if (u.mode == ${UPDATE_MODE.grads}u) { return; }
  // clipByGlobalNorm (tf-model.ts): scale = clip / max(‖g‖, clip)
  let scale = select(1.0, u.clipNorm / max(norm, u.clipNorm), u.clipNorm > 0.0);
  for (var e = li; e < P; e += THREADS) {
    let g = state[OFF_G + e] * scale;
    let w = state[OFF_W + e];
    if (u.mode == ${UPDATE_MODE.sgd}u) {
      state[OFF_W + e] = w + (-u.lr) * g;
    } else if (u.mode == ${UPDATE_MODE.momentum}u) {
      let a = u.momentum * state[OFF_M1 + e] + g;
      state[OFF_M1 + e] = a;
      state[OFF_W + e] = w + (-u.lr) * a;
    } else {
      let m = state[OFF_M1 + e] * u.beta1 + g * (1.0 - u.beta1);
      let v = state[OFF_M2 + e] * u.beta2 + g * g * (1.0 - u.beta2);
      state[OFF_M1 + e] = m;
      state[OFF_M2 + e] = v;
      state[OFF_W + e] = (m / u.bias1) / (sqrt(v / u.bias2) + u.epsilon) * (-u.lr) + w;
    }
    if (e < H * H) { state[OFF_WT + (e % H) * H + e / H] = state[OFF_W + e]; }
  }
}
`;
}
