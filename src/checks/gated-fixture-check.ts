// Compare every computing path of the gated cells with a PyTorch fixture:
// the Float64 reference (lstm.ts, gru.ts, gated-jacobian.ts); tfjs autodiff
// of the op graph (tfGatedLossAndGrads); and the training path the trainer
// uses — the model's loss, gradient profile and state-Jacobian norms, and,
// for many-to-one fixtures where the backend runs it, the fused kernel's loss
// and gradients. Largest error per field, by the rules of compare.ts.
import * as tf from '@tensorflow/tfjs-core';
import { GATED_PARAM_NAMES } from '../model/cells.ts';
import { gatedJacobianLog10Norms } from '../model/gated-jacobian.ts';
import { gruBackward } from '../model/gru.ts';
import { fromLog10 } from '../model/jacobian-product.ts';
import { lstmBackward } from '../model/lstm.ts';
import { createTfModel } from '../engine/tf-cell-model.ts';
import { fusedGatedAvailable, fusedGatedLossAndGrads } from '../engine/tf-fused-gated.ts';
import { tfGatedLossAndGrads } from '../engine/tf-gated.ts';
import type { TfGatedWeights } from '../engine/tf-gated-model.ts';
import { maxFieldRelError, maxRelError } from './compare.ts';
import { lossOutputs } from './fixture.ts';
import type { FieldErrors } from './fixture-check.ts';
import type { GatedFixture } from './gated-fixture.ts';

export interface GatedFixtureErrors {
  float64: FieldErrors;
  tfjs: FieldErrors;
}

export function checkGatedFloat64(fx: GatedFixture): FieldErrors {
  const { params, seq, y, mode, expected } = fx;
  const r = fx.cell === 'lstm' ? lstmBackward(params, seq, y, mode) : gruBackward(params, seq, y, mode);
  const jac = fromLog10(gatedJacobianLog10Norms(params, r.pass, 0));
  const errors: FieldErrors = {
    h: maxRelError(r.pass.h, expected.h),
    yhat: maxRelError(lossOutputs(r.pass.o, seq.N, seq.T, params.O, mode), expected.yhat),
    loss: maxRelError([r.loss], [expected.loss]),
  };
  for (const k of GATED_PARAM_NAMES) errors[`grads.${k}`] = maxRelError(r.grads[k], expected.grads[k]);
  errors.dL_dh_frobenius = maxRelError(r.dLdhNorm, expected.dLdhFrobenius);
  if ('dLdc' in r) {
    errors.c = maxRelError(r.pass.c, expected.c ?? []);
    errors.dL_dc_frobenius = maxRelError(r.dLdcNorm, expected.dLdcFrobenius ?? []);
  }
  errors['jacobian.spectral'] = maxRelError(jac.spectral, expected.jacobianSpectral);
  errors['jacobian.frobenius'] = maxRelError(jac.frobenius, expected.jacobianFrobenius);
  return errors;
}

const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);

/** The training model on the fixture's weights: its loss (many-to-one), ∂L/∂h, ∂L/∂c and state-Jacobian norms, and the fused kernel's gradients. */
async function checkTrainingPath(fx: GatedFixture, errors: FieldErrors): Promise<void> {
  const { params, seq, y, mode, expected } = fx;
  const { N, T } = seq;
  const { F, H, O } = params;
  const model = createTfModel(params, { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'sgd', lr: 0, momentum: 0 }, clipNorm: 0 });
  const lastTargets = mode === 'many-to-one' ? y : lossOutputs(y, N, T, O, 'many-to-one');
  const x = tf.tensor3d(f32(seq.x), [N, T, F]);
  const yt = tf.tensor2d(f32(lastTargets), [N, O]);
  try {
    const profile = await model.gradientProfile(x, yt);
    errors['jacobian.spectral'] = maxRelError(profile.jacobian.spectral, expected.jacobianSpectral);
    errors['jacobian.frobenius'] = maxRelError(profile.jacobian.frobenius, expected.jacobianFrobenius);
    if (mode !== 'many-to-one') return;
    errors['model.dL_dh_frobenius'] = maxRelError(profile.dLdhNorm, expected.dLdhFrobenius);
    if (fx.cell === 'lstm') errors['model.dL_dc_frobenius'] = maxRelError(profile.dLdcNorm ?? [], expected.dLdcFrobenius ?? []);
    const loss = model.evaluate(x, yt);
    errors['model.loss'] = maxRelError([(await loss.data())[0]], [expected.loss]);
    loss.dispose();
    if (!fusedGatedAvailable(fx.cell, { N, T, F, H })) return;
    const outs = tf.tidy(() => {
      const w = {} as Record<string, tf.Tensor>;
      const G = params.weight_hh.length / H;
      const shapes: Record<string, number[]> = { weight_ih: [G, F], weight_hh: [G, H], bias_ih: [G], bias_hh: [G], V: [O, H], c: [O] };
      for (const k of GATED_PARAM_NAMES) w[k] = tf.tensor(f32(params[k]), shapes[k]);
      const r = fusedGatedLossAndGrads(fx.cell, w as unknown as TfGatedWeights, x, yt, { output: 'linear', loss: 'mse' });
      return [r.loss, ...GATED_PARAM_NAMES.map((k) => r.grads[k])];
    });
    const data = await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
    errors['fused.loss'] = maxRelError([data[0][0]], [expected.loss]);
    GATED_PARAM_NAMES.forEach((k, i) => (errors[`fused.grads.${k}`] = maxFieldRelError(data[1 + i], expected.grads[k])));
  } finally {
    tf.dispose([x, yt]);
    model.dispose();
  }
}

export async function checkGatedTfjs(fx: GatedFixture): Promise<FieldErrors> {
  const { params, seq, y, mode, expected } = fx;
  const r = await tfGatedLossAndGrads(params, seq, y, mode);
  const errors: FieldErrors = {
    h: maxFieldRelError(r.h, expected.h),
    yhat: maxFieldRelError(r.yhat, expected.yhat),
    loss: maxRelError([r.loss], [expected.loss]),
  };
  for (const k of GATED_PARAM_NAMES) errors[`grads.${k}`] = maxFieldRelError(r.grads[k], expected.grads[k]);
  errors.dL_dh_frobenius = maxRelError(r.dLdhNorm, expected.dLdhFrobenius);
  if (fx.cell === 'lstm') {
    errors.c = maxFieldRelError(r.c, expected.c ?? []);
    errors.dL_dc_frobenius = maxRelError(r.dLdcNorm, expected.dLdcFrobenius ?? []);
  }
  await checkTrainingPath(fx, errors);
  return errors;
}

export async function checkGatedFixture(fx: GatedFixture): Promise<GatedFixtureErrors> {
  return { float64: checkGatedFloat64(fx), tfjs: await checkGatedTfjs(fx) };
}
