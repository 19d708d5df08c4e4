// The fused step on this page's backend (the WGSL passes on webgpu) against
// the Float64 reference, for e2e/wgsl.spec.ts: loss, gradients and
// predictions of one call, then the weights after a few optimiser steps of
// TfRnn (with the tensors and GPU bytes in use after the first and the last
// step: the step must not leak), and the layout the adapter's limits gave.
import * as tf from '@tensorflow/tfjs-core';
import { checkFusedGrads, checkTraining, type CheckResult, type TrainingCheckConfig } from '../step-check.ts';
import { planStep, type StepLimits } from '../../engine/webgpu/plan.ts';

export interface WgslCheckResult {
  grads: CheckResult;
  training: CheckResult;
  /** rows per workgroup, workgroups and gemm splits the plan chose (webgpu only) */
  layout: { R: number; rowGroups: number; splits: number } | null;
}

/** The webgpu device's limits (null on other backends). */
export function deviceLimits(): StepLimits | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device: GPUDevice }).device.limits;
}

export async function wgslVsReference(c: TrainingCheckConfig): Promise<WgslCheckResult> {
  const grads = await checkFusedGrads(c);
  const training = await checkTraining(c);
  const limits = deviceLimits();
  const plan = limits ? planStep({ N: c.N, T: c.T, F: c.F, H: c.H, O: 1 }, limits) : null;
  return {
    grads,
    training,
    layout: plan?.ok ? { R: plan.plan.R, rowGroups: plan.plan.rowGroups, splits: plan.plan.splits } : null,
  };
}
