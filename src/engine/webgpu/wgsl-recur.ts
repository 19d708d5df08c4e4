// The recurrence pass of the fused WGSL step: one workgroup of H invocations
// owns R rows of the batch; invocation i owns hidden unit i of each row.
//
//   forward   a_i = b_i + Σ_f U_if x_f(t) + Σ_j W_ij h_j(t−1),  h_i(t) = σ(a_i)
//             (h(t−1) of the R rows in workgroup memory, W read from the
//             state's Wᵀ so neighbouring invocations read neighbouring
//             floats, h(t) stored to hs)
//   output    o_q = c_q + Σ_i V_qi h_i(T), ŷ = o or tanh(o), the loss term of
//             each row and e = ∂L/∂o (rows buffer)
//   backward  d = Vᵀ e, then for t = T … 1: g(t) = d ⊙ σ′(h(t)) (stored to gs),
//             d ← Wᵀ g(t) (g in workgroup memory)
//
// Storage: hs[n][t][i] for t = 0..T (h(0) = 0), gs[n][t−1][i] = ∂L/∂a_i(t),
// rows[n·O + q] = e (or ŷ in the forward-only variant), rows[N·O + n] = the
// row's share of the loss. Rows past the batch (the last workgroup's) compute
// on clamped indices and store nothing.
import type { Access } from './device.ts';
import { activationWgsl, shapeConstants, TANH_WGSL, UNIFORMS_WGSL, type StepKind } from './wgsl-common.ts';

/** Bindings 1… of the recurrence pass (after the uniforms at 0): x, y, state, hs, gs, rows. */
export const RECUR_ACCESS: readonly Access[] = ['read', 'read', 'read', 'write', 'write', 'write'];

function lossWgsl(k: StepKind): string {
  // e = ∂L/∂o for output q of row n, and the row's term of the loss.
  if (k.loss === 'mse') {
    return /* wgsl */ `
        let d = yh - y[n * O + q];
        let scale = 1.0 / f32(u.n * O);
        e = 2.0 * d * scale;
        l += d * d * scale;`;
  }
  // The seed's MSELoss(output[N,1], y[N]): mean over pairs (i, j) of (ŷ_i − y_j)²
  // = mean (ŷ − ȳ)² + mean (y − ȳ)² (O = 1).
  return /* wgsl */ `
        let ybar = state[MISC_YBAR];
        let d = yh - ybar;
        let dy = y[n] - ybar;
        let scale = 1.0 / f32(u.n);
        e = 2.0 * d * scale;
        l += (d * d + dy * dy) * scale;`;
}

function outputWgsl(k: StepKind, forwardOnly: boolean): string {
  const yh = k.output === 'tanh' ? 'tanh_r(o)' : 'o';
  const perOutput = forwardOnly
    ? 'rows[n * O + q] = yh;'
    : `var e = 0.0;${lossWgsl(k)}
        ${k.output === 'tanh' ? 'e *= 1.0 - yh * yh;' : ''}
        eo[r * O + q] = e;
        rows[n * O + q] = e;`;
  return /* wgsl */ `
  // ---- output and loss: invocation r < R takes row r (sh holds h(T))
  for (var r = li; r < R; r += H) {
    let n = n0 + r;
    var l = 0.0;
    for (var q = 0u; q < O; q++) {
      eo[r * O + q] = 0.0;
      if (n < u.n) {
        var o = state[OFF_C + q];
        for (var j = 0u; j < H; j++) { o += state[OFF_V + q * H + j] * sh[r * H + j]; }
        let yh = ${yh};
        ${perOutput}
      }
    }
    ${forwardOnly ? '' : 'if (n < u.n) { rows[u.n * O + n] = l; }'}
  }`;
}

/** `line(r)` for r = 0 … R−1: the row loops are unrolled so the R accumulators stay in registers. */
const rows = (R: number, line: (r: number) => string): string => Array.from({ length: R }, (_, r) => line(r)).join('\n      ');

function backwardWgsl(R: number): string {
  return /* wgsl */ `
  workgroupBarrier();
  // ---- backward: d = Vᵀ e, then g(t) = d ⊙ σ′(h(t)), d ← Wᵀ g(t)
  var d: array<f32, R>;
  var g: array<f32, R>;
  for (var q = 0u; q < O; q++) {
    let v = state[OFF_V + q * H + i];
      ${rows(R, (r) => `d[${r}] += eo[${r}u * O + q] * v;`)}
  }
  for (var back = 0u; back < T; back++) {
    let t = T - back; // T … 1
      ${rows(R, (r) => `g[${r}] = 0.0;
      if (n0 + ${r}u < u.n) {
        g[${r}] = d[${r}] * dact(hs[((n0 + ${r}u) * (T + 1u) + t) * H + i]);
        gs[((n0 + ${r}u) * T + t - 1u) * H + i] = g[${r}];
      }`)}
    if (t > 1u) {
      workgroupBarrier(); // every invocation is done reading sh
      ${rows(R, (r) => `sh[${r}u * H + i] = g[${r}];`)}
      workgroupBarrier();
      ${rows(R, (r) => `d[${r}] = 0.0;`)}
      for (var k = 0u; k < H; k++) {
        let w = state[OFF_W + k * H + i]; // W_ki: column i of W
      ${rows(R, (r) => `d[${r}] += w * sh[${r}u * H + k];`)}
      }
    }
  }`;
}

/** WGSL of the recurrence pass for R rows per workgroup; forwardOnly writes ŷ and stops. */
export function recurWgsl(k: StepKind, R: number, forwardOnly: boolean): string {
  return /* wgsl */ `${UNIFORMS_WGSL}${shapeConstants(k)}
const R = ${R}u;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read> state: array<f32>;
@group(0) @binding(4) var<storage, read_write> hs: array<f32>;
@group(0) @binding(5) var<storage, read_write> gs: array<f32>;
@group(0) @binding(6) var<storage, read_write> rows: array<f32>;

var<workgroup> sh: array<f32, ${R * k.H}>;
var<workgroup> eo: array<f32, ${R * k.O}>;
${TANH_WGSL}${activationWgsl(k.activation)}
@compute @workgroup_size(${k.H})
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let i = li;
  let n0 = wg.x * R;
  var acc: array<f32, R>;
      ${rows(R, (r) => `if (n0 + ${r}u < u.n) { hs[(n0 + ${r}u) * (T + 1u) * H + i] = 0.0; }`)}
  // ---- forward over t
  for (var t = 0u; t < T; t++) {
    let bi = state[OFF_B + i];
      ${rows(R, (r) => `acc[${r}] = bi;`)}
    for (var f = 0u; f < F; f++) {
      let uf = state[OFF_U + i * F + f];
      ${rows(R, (r) => `acc[${r}] += uf * x[(min(n0 + ${r}u, u.n - 1u) * T + t) * F + f];`)}
    }
    if (t > 0u) {
      for (var j = 0u; j < H; j++) {
        let w = state[OFF_WT + j * H + i]; // W_ij from Wᵀ: neighbouring invocations read neighbouring floats
      ${rows(R, (r) => `acc[${r}] += w * sh[${r}u * H + j];`)}
      }
    }
    workgroupBarrier(); // every invocation is done reading h(t−1)
      ${rows(R, (r) => `sh[${r}u * H + i] = act(acc[${r}]);
      if (n0 + ${r}u < u.n) { hs[((n0 + ${r}u) * (T + 1u) + t + 1u) * H + i] = sh[${r}u * H + i]; }`)}
    workgroupBarrier();
  }
${outputWgsl(k, forwardOnly)}
${forwardOnly ? '' : backwardWgsl(R)}
}
`;
}
