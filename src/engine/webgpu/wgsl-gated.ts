// The fused WGSL step for the LSTM and the GRU: the recurrence pass, the
// prep pass, and the parts of the gradient product and the update that
// differ from the simple cell's (wgsl-reduce.ts runs them). The equations
// are fused-gated.ts's, one hidden unit per invocation: invocation i of a
// workgroup owns unit i of every gate of R rows of the batch.
//
//   LSTM forward   a_g = b_ih + b_hh + W_ih x(t) + W_hh h(t−1) for g = i, f, g, o
//                  c = σ(a_f) c(t−1) + σ(a_i) tanh(a_g),  h = σ(a_o) tanh(c)
//        backward  D = ∂L/∂c(t) + ∂L/∂h ⊙ o (1 − tanh²c); δ_i, δ_f, δ_g, δ_o;
//                  ∂L/∂c(t−1) = D ⊙ f;  ∂L/∂h(t−1) = W_hhᵀ δ
//   GRU  forward   r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r ⊙ h_n),
//                  h = (1 − z) n + z h(t−1)   (x_· = W_ih x + b_ih, h_· = W_hh h(t−1) + b_hh)
//        backward  δ_n = ∂L/∂h (1 − z)(1 − n²), δ_r = δ_n h_n r(1 − r),
//                  δ_z = ∂L/∂h (h(t−1) − n) z(1 − z);
//                  ∂L/∂h(t−1) = ∂L/∂h ⊙ z + W_hhᵀ [δ_r, δ_z, δ_n ⊙ r]
//
// gs keeps, per row and step, what the backward pass needs (LSTM: i, f, g,
// o, c; GRU: r, z, n, h_n); the backward pass overwrites its first 4H floats
// with the block of δ the gradient product reads: LSTM [δ_i δ_f δ_g δ_o]
// (W_ih, W_hh and both biases share them), GRU [δ_r δ_z δ_n δ_n⊙r] (the
// input side takes the first three, the recurrent side r, z and the fourth).
// In workgroup memory sh holds h(t−1) of the R rows going forward and their
// recurrent δ (G·H each) going back.
import type { Access } from './device.ts';
import { auxWidth, deltaWidth, gatesOf, REDUCE_THREADS, type StepCell } from './plan.ts';
import { outputWgsl, RECUR_BINDINGS, rows } from './wgsl-recur.ts';
import { firstStep, PREP_MEAN, PREP_PACK, SIGMOID_WGSL, stateConstants, stateLayout, TANH_WGSL, UNIFORMS_WGSL, type StepKind } from './wgsl-common.ts';
import { MEAN_OF_Y, REDUCE_HELPERS, type CellReduce } from './wgsl-reduce.ts';

/** Bindings 1… of the gated prep pass: weight_ih, weight_hh, bias_ih, bias_hh, V, c, y, state. */
export const GATED_PREP_ACCESS: readonly Access[] = ['read', 'read', 'read', 'read', 'read', 'read', 'read', 'write'];

type GatedKind = StepKind & { cell: Exclude<StepCell, 'rnn'> };

/** WGSL constants: shape, gate rows, state offsets, the δ block's width and the first backward step. */
export function gatedConstants(k: GatedKind): string {
  const l = stateLayout(k);
  const [wih, whh, bih, bhh, V, c] = l.at;
  const G = gatesOf(k.cell);
  return /* wgsl */ `
const H = ${k.H}u;
const F = ${k.F}u;
const T = ${k.T}u;
const O = ${k.O}u;
const GH = ${G * k.H}u;           // gate rows
const AUX = ${auxWidth(k.cell) * k.H}u;  // floats of gs per row and step
const DW = ${deltaWidth(k.cell) * k.H}u;  // the δ block the gradient product reads
const OFF_WIH = ${wih}u;
const OFF_WHH = ${whh}u;
const OFF_BIH = ${bih}u;
const OFF_BHH = ${bhh}u;
const OFF_V = ${V}u;
const OFF_C = ${c}u;${stateConstants(l)}
const FIRST = ${firstStep(k)}u;
`;
}

/** Unrolled lines for rows r = 0 … R−1 with the row's own index n (store only when n < u.n). */
const eachRow = (R: number, body: (r: number) => string): string => rows(R, body);

function lstmStepForward(R: number, store: boolean): string {
  return /* wgsl */ `
    let bi = state[OFF_BIH + i] + state[OFF_BHH + i];
    let bf = state[OFF_BIH + H + i] + state[OFF_BHH + H + i];
    let bg = state[OFF_BIH + 2u * H + i] + state[OFF_BHH + 2u * H + i];
    let bo = state[OFF_BIH + 3u * H + i] + state[OFF_BHH + 3u * H + i];
      ${eachRow(R, (r) => `a0[${r}] = bi; a1[${r}] = bf; a2[${r}] = bg; a3[${r}] = bo;`)}
    for (var f = 0u; f < F; f++) {
      let w0 = state[OFF_WIH + i * F + f];
      let w1 = state[OFF_WIH + (H + i) * F + f];
      let w2 = state[OFF_WIH + (2u * H + i) * F + f];
      let w3 = state[OFF_WIH + (3u * H + i) * F + f];
      ${eachRow(R, (r) => `{ let v = x[(min(n0 + ${r}u, u.n - 1u) * T + t) * F + f]; a0[${r}] += w0 * v; a1[${r}] += w1 * v; a2[${r}] += w2 * v; a3[${r}] += w3 * v; }`)}
    }
    if (t > 0u) {
      for (var j = 0u; j < H; j++) {
        let at = OFF_WT + j * GH + i; // W_hh[g·H + i][j] from the transposed copy: neighbouring invocations read neighbouring floats
        let w0 = state[at];
        let w1 = state[at + H];
        let w2 = state[at + 2u * H];
        let w3 = state[at + 3u * H];
      ${eachRow(R, (r) => `{ let v = sh[${r}u * H + j]; a0[${r}] += w0 * v; a1[${r}] += w1 * v; a2[${r}] += w2 * v; a3[${r}] += w3 * v; }`)}
      }
    }
    workgroupBarrier(); // every invocation is done reading h(t−1)
      ${eachRow(
        R,
        (r) => `{
        let ig = sigm(a0[${r}]);
        let fg = sigm(a1[${r}]);
        let gg = tanh_r(a2[${r}]);
        let og = sigm(a3[${r}]);
        let cv = fg * cst[${r}] + ig * gg;
        cst[${r}] = cv;
        let hv = og * tanh_r(cv);
        sh[${r}u * H + i] = hv;
        ${store ? `if (n0 + ${r}u < u.n) {
          let n = n0 + ${r}u;
          hs[(n * (T + 1u) + t + 1u) * H + i] = hv;
          let at = (n * T + t) * AUX + i;
          gs[at] = ig; gs[at + H] = fg; gs[at + 2u * H] = gg; gs[at + 3u * H] = og; gs[at + 4u * H] = cv;
        }` : ''}
      }`,
      )}
    workgroupBarrier();`;
}

function gruStepForward(R: number, store: boolean): string {
  return /* wgsl */ `
    let br = state[OFF_BIH + i] + state[OFF_BHH + i];
    let bz = state[OFF_BIH + H + i] + state[OFF_BHH + H + i];
    let bxn = state[OFF_BIH + 2u * H + i];
    let bhn = state[OFF_BHH + 2u * H + i];
      ${eachRow(R, (r) => `a0[${r}] = br; a1[${r}] = bz; a2[${r}] = bxn; a3[${r}] = bhn;`)}
    for (var f = 0u; f < F; f++) {
      let w0 = state[OFF_WIH + i * F + f];
      let w1 = state[OFF_WIH + (H + i) * F + f];
      let w2 = state[OFF_WIH + (2u * H + i) * F + f];
      ${eachRow(R, (r) => `{ let v = x[(min(n0 + ${r}u, u.n - 1u) * T + t) * F + f]; a0[${r}] += w0 * v; a1[${r}] += w1 * v; a2[${r}] += w2 * v; }`)}
    }
    if (t > 0u) {
      for (var j = 0u; j < H; j++) {
        let at = OFF_WT + j * GH + i;
        let w0 = state[at];
        let w1 = state[at + H];
        let w3 = state[at + 2u * H]; // the n gate's recurrent sum stays apart: n = tanh(x_n + r ⊙ h_n)
      ${eachRow(R, (r) => `{ let v = sh[${r}u * H + j]; a0[${r}] += w0 * v; a1[${r}] += w1 * v; a3[${r}] += w3 * v; }`)}
      }
    }
    workgroupBarrier(); // every invocation is done reading h(t−1)
      ${eachRow(
        R,
        (r) => `{
        let rg = sigm(a0[${r}]);
        let zg = sigm(a1[${r}]);
        let ng = tanh_r(a2[${r}] + rg * a3[${r}]);
        let hv = (1.0 - zg) * ng + zg * cst[${r}];
        cst[${r}] = hv; // the GRU's carried state is h itself
        sh[${r}u * H + i] = hv;
        ${store ? `if (n0 + ${r}u < u.n) {
          let n = n0 + ${r}u;
          hs[(n * (T + 1u) + t + 1u) * H + i] = hv;
          let at = (n * T + t) * AUX + i;
          gs[at] = rg; gs[at + H] = zg; gs[at + 2u * H] = ng; gs[at + 3u * H] = a3[${r}];
        }` : ''}
      }`,
      )}
    workgroupBarrier();`;
}

/** δ of row r at step t from gs (then overwritten with the block the product reads), into e0…e3 (the recurrent δ, gate order). */
function lstmRowBackward(r: number): string {
  return /* wgsl */ `e0[${r}] = 0.0; e1[${r}] = 0.0; e2[${r}] = 0.0; e3[${r}] = 0.0;
      if (n0 + ${r}u < u.n) {
        let at = ((n0 + ${r}u) * T + t - 1u) * AUX + i;
        let ig = gs[at];
        let fg = gs[at + H];
        let gg = gs[at + 2u * H];
        let og = gs[at + 3u * H];
        let tc = tanh_r(gs[at + 4u * H]);
        var cp = 0.0;
        if (t > 1u) { cp = gs[at - AUX + 4u * H]; }
        let D = dc[${r}] + dh[${r}] * og * (1.0 - tc * tc);
        e0[${r}] = D * gg * ig * (1.0 - ig);
        e1[${r}] = D * cp * fg * (1.0 - fg);
        e2[${r}] = D * ig * (1.0 - gg * gg);
        e3[${r}] = dh[${r}] * tc * og * (1.0 - og);
        dc[${r}] = D * fg;
        gs[at] = e0[${r}]; gs[at + H] = e1[${r}]; gs[at + 2u * H] = e2[${r}]; gs[at + 3u * H] = e3[${r}];
      }
      dh[${r}] = 0.0;`;
}

function gruRowBackward(r: number): string {
  return /* wgsl */ `e0[${r}] = 0.0; e1[${r}] = 0.0; e2[${r}] = 0.0;
      if (n0 + ${r}u < u.n) {
        let n = n0 + ${r}u;
        let at = (n * T + t - 1u) * AUX + i;
        let rg = gs[at];
        let zg = gs[at + H];
        let ng = gs[at + 2u * H];
        let hn = gs[at + 3u * H];
        let hp = hs[(n * (T + 1u) + t - 1u) * H + i];
        let d = dh[${r}];
        let dn = d * (1.0 - zg) * (1.0 - ng * ng);
        e0[${r}] = dn * hn * rg * (1.0 - rg);
        e1[${r}] = d * (hp - ng) * zg * (1.0 - zg);
        e2[${r}] = dn * rg;
        gs[at] = e0[${r}]; gs[at + H] = e1[${r}]; gs[at + 2u * H] = dn; gs[at + 3u * H] = e2[${r}];
        dh[${r}] = d * zg; // the direct path through z ⊙ h(t−1)
      }`;
}

function backwardWgsl(k: GatedKind, R: number): string {
  const lstm = k.cell === 'lstm';
  const G = gatesOf(k.cell);
  const row = lstm ? lstmRowBackward : gruRowBackward;
  return /* wgsl */ `
  workgroupBarrier();
  // ---- backward: ∂L/∂h(T) = Vᵀ e, then t = T … FIRST
  var dh: array<f32, R>;
  var dc: array<f32, R>;
  var e0: array<f32, R>;
  var e1: array<f32, R>;
  var e2: array<f32, R>;
  var e3: array<f32, R>;
  for (var q = 0u; q < O; q++) {
    let v = state[OFF_V + q * H + i];
      ${eachRow(R, (r) => `dh[${r}] += eo[${r}u * O + q] * v;`)}
  }
  for (var back = 0u; back <= T - FIRST; back++) {
    let t = T - back;
      ${eachRow(R, row)}
    if (t > FIRST) {
      workgroupBarrier(); // every invocation is done reading sh
      ${eachRow(R, (r) => Array.from({ length: G }, (_, g) => `sh[${r}u * GH + ${g}u * H + i] = e${g}[${r}];`).join(' '))}
      workgroupBarrier();
      for (var kk = 0u; kk < GH; kk++) {
        let w = state[OFF_WHH + kk * H + i]; // W_hh[kk][i]: column i, neighbouring invocations read neighbouring floats
      ${eachRow(R, (r) => `dh[${r}] += w * sh[${r}u * GH + kk];`)}
      }
    }
  }`;
}

/** The recurrence pass of a gated cell for R rows per workgroup; forwardOnly writes ŷ and stores nothing else. */
export function gatedRecurWgsl(k: GatedKind, R: number, forwardOnly: boolean): string {
  const store = !forwardOnly;
  return /* wgsl */ `${UNIFORMS_WGSL}${gatedConstants(k)}
const R = ${R}u;
${RECUR_BINDINGS}
var<workgroup> sh: array<f32, ${R * gatesOf(k.cell) * k.H}>;
var<workgroup> eo: array<f32, ${R * k.O}>;
${TANH_WGSL}${SIGMOID_WGSL}
@compute @workgroup_size(${k.H})
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let i = li;
  let n0 = wg.x * R;
  var a0: array<f32, R>;
  var a1: array<f32, R>;
  var a2: array<f32, R>;
  var a3: array<f32, R>;
  var cst: array<f32, R>; // the LSTM's c, the GRU's h, of unit i
      ${store ? eachRow(R, (r) => `if (n0 + ${r}u < u.n) { hs[(n0 + ${r}u) * (T + 1u) * H + i] = 0.0; }`) : ''}
  // ---- forward over t
  for (var t = 0u; t < T; t++) {${k.cell === 'lstm' ? lstmStepForward(R, store) : gruStepForward(R, store)}
  }
${outputWgsl(k, forwardOnly)}
${forwardOnly ? '' : backwardWgsl(k, R)}
}
`;
}

/** One workgroup: the six weight tensors into the state (and W_hh transposed), ȳ for the broadcast loss. */
export function gatedPrepWgsl(k: GatedKind): string {
  const names = ['wih', 'whh', 'bih', 'bhh', 'wv', 'wc'];
  const offsets = ['OFF_WIH', 'OFF_WHH', 'OFF_BIH', 'OFF_BHH', 'OFF_V', 'OFF_C'];
  const sizes = ['GH * F', 'GH * H', 'GH', 'GH', 'O * H', 'O'];
  return /* wgsl */ `${UNIFORMS_WGSL}${gatedConstants(k)}${REDUCE_HELPERS(k, 0)}
${names.map((n, b) => `@group(0) @binding(${b + 1}) var<storage, read> ${n}: array<f32>;`).join('\n')}
@group(0) @binding(7) var<storage, read> y: array<f32>;
@group(0) @binding(8) var<storage, read_write> state: array<f32>;

@compute @workgroup_size(${REDUCE_THREADS})
fn main(@builtin(local_invocation_index) li: u32) {
  if ((u.flags & ${PREP_PACK}u) != 0u) {
    ${names.map((n, b) => `for (var e = li; e < ${sizes[b]}; e += THREADS) { state[${offsets[b]} + e] = ${n}[e]; }`).join('\n    ')}
    for (var e = li; e < GH * H; e += THREADS) { state[OFF_WT + (e % H) * GH + e / H] = whh[e]; }
  }
  if ((u.flags & ${PREP_MEAN}u) != 0u) {${MEAN_OF_Y}
  }
}
`;
}

/**
 * The gated cells' gradient product and update: left = [δ block (4H) | e | loss term];
 * M's first 4H rows hold the products with [h(t−1) | x(t) | 1]. A weight_hh
 * or bias_hh row of the GRU's n gate reads M's fourth block (its δ carries r).
 */
export function gatedReduce(k: GatedKind): CellReduce {
  const shift = k.cell === 'gru' ? 2 * k.H : gatesOf(k.cell) * k.H; // gate rows from here on read the δ block H further down
  return {
    constants: gatedConstants(k),
    LW: deltaWidth(k.cell) * k.H + k.O + 1,
    left: /* wgsl */ `
fn left(k: u32, i: u32) -> f32 {
  let n = k / (T + 1u);
  let t = k - n * (T + 1u);
  if (t < T) {
    if (i < DW && t + 1u >= FIRST) { return gs[(n * T + t) * AUX + i]; } // δ(t+1); none before FIRST (truncated BPTT)
    return 0.0;
  }
  if (i < DW) { return 0.0; }
  if (i < DW + O) { return rows[n * O + i - DW]; }
  return rows[u.n * O + n];
}
`,
    cell: /* wgsl */ `
fn hhRow(row: u32) -> u32 { return select(row, row + H, row >= ${shift}u); }
// Where weight e of the packed vector (weight_ih, weight_hh, bias_ih, bias_hh, V, c) sits in M.
fn cell(e0: u32) -> u32 {
  var e = e0;
  if (e < GH * F) { return (e / F) * RW + H + e % F; }
  e -= GH * F;
  if (e < GH * H) { return hhRow(e / H) * RW + e % H; }
  e -= GH * H;
  if (e < GH) { return e * RW + H + F; }
  e -= GH;
  if (e < GH) { return hhRow(e) * RW + H + F; }
  e -= GH;
  if (e < O * H) { return (DW + e / H) * RW + e % H; }
  e -= O * H;
  return (DW + e) * RW + H + F;
}
`,
    refresh: 'if (e >= GH * F && e < GH * F + GH * H) { let q = e - GH * F; state[OFF_WT + (q % H) * GH + q / H] = state[OFF_W + e]; }',
  };
}
