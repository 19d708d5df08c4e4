// Compare both computing paths with a reference fixture: the Float64
// reference (rnn.ts, bptt.ts, jacobian.ts) and the tfjs path (tfLossAndGrads
// for values and gradients; TfRnn.gradientProfile for ∂L/∂h and ζ norms, as
// the trainer uses it). Returns the largest error per field, by the rules of
// compare.ts: Float64 elementwise relative; float32 tensors relative to
// max(|entry|, 1e-3 · the field's largest), float32 per-k profiles and the
// loss elementwise relative.
import { bptt } from '../model/bptt.ts';
import { maxFieldRelError, maxRelError } from './compare.ts';
import { lossOutputs, type Fixture } from './fixture.ts';
import { sampleJacobianNorms } from '../model/jacobian.ts';
import * as tf from '@tensorflow/tfjs-core';
import { TfRnn, tfLossAndGrads } from '../engine/tf-rnn.ts';
import { PARAM_NAMES } from '../model/types.ts';

export type FieldErrors = Record<string, number>;

export interface FixtureErrors {
  float64: FieldErrors;
  tfjs: FieldErrors;
}

export function checkFloat64(fx: Fixture): FieldErrors {
  const { params, seq, y, activation, mode, expected } = fx;
  const r = bptt(params, seq, y, activation, mode);
  const jac = sampleJacobianNorms(params, r.pass, 0, activation);
  const errors: FieldErrors = {
    h: maxRelError(r.pass.h, expected.h),
    yhat: maxRelError(lossOutputs(r.pass.o, seq.N, seq.T, params.O, mode), expected.yhat),
    loss: maxRelError([r.loss], [expected.loss]),
  };
  for (const k of PARAM_NAMES) errors[`grads.${k}`] = maxRelError(r.grads[k], expected.grads[k]);
  errors.dL_dh_frobenius = maxRelError(r.dLdhNorm, expected.dLdhFrobenius);
  errors['jacobian.spectral'] = maxRelError(jac.spectral, expected.jacobianSpectral);
  errors['jacobian.frobenius'] = maxRelError(jac.frobenius, expected.jacobianFrobenius);
  return errors;
}

export async function checkTfjs(fx: Fixture): Promise<FieldErrors> {
  const { params, seq, y, activation, mode, expected } = fx;
  const { N, T } = seq;
  const { F, O } = params;
  const r = await tfLossAndGrads(params, seq, y, activation, mode);
  const errors: FieldErrors = {
    h: maxFieldRelError(r.h, expected.h),
    yhat: maxFieldRelError(r.yhat, expected.yhat),
    loss: maxRelError([r.loss], [expected.loss]),
  };
  for (const k of PARAM_NAMES) errors[`grads.${k}`] = maxFieldRelError(r.grads[k], expected.grads[k]);
  errors.dL_dh_frobenius = maxRelError(r.dLdhNorm, expected.dLdhFrobenius);

  // The trainer's model on the same weights: its ζ norms (and, many-to-one, its ∂L/∂h probes and loss).
  const model = new TfRnn(params, {
    activation,
    output: 'linear',
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0, momentum: 0 },
    clipNorm: 0,
  });
  const lastTargets = mode === 'many-to-one' ? y : lossOutputs(y, N, T, O, 'many-to-one');
  const x = tf.tensor3d(Float32Array.from(seq.x), [N, T, F]);
  const yt = tf.tensor2d(Float32Array.from(lastTargets), [N, O]);
  try {
    const profile = await model.gradientProfile(x, yt);
    errors['jacobian.spectral'] = maxRelError(profile.jacobian.spectral, expected.jacobianSpectral);
    errors['jacobian.frobenius'] = maxRelError(profile.jacobian.frobenius, expected.jacobianFrobenius);
    if (mode === 'many-to-one') {
      errors['model.dL_dh_frobenius'] = maxRelError(profile.dLdhNorm, expected.dLdhFrobenius);
      const loss = model.evaluate(x, yt);
      errors['model.loss'] = maxRelError([(await loss.data())[0]], [expected.loss]);
      loss.dispose();
    }
  } finally {
    x.dispose();
    yt.dispose();
    model.dispose();
  }
  return errors;
}

export async function checkFixture(fx: Fixture): Promise<FixtureErrors> {
  return { float64: checkFloat64(fx), tfjs: await checkTfjs(fx) };
}
