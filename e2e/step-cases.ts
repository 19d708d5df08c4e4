// Cases both WGSL specs (e2e/wgsl.spec.ts, e2e/wgsl-gated.spec.ts) step through.

/** Optimisers the steps are checked with: momentum, Adam with clipping, plain SGD with clipping. */
export const OPTIMIZERS = [
  { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0 },
  // Adam divides each gradient by its own size: with ε far below a gradient's float32 noise, any two float32
  // implementations take different full-size steps on near-zero gradients. ε ≥ 1e-3 · max |g| bounds Adam's
  // error by the gradient's field-scaled error, so the comparison checks the formula, not the noise.
  { optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3 }, clipNorm: 0.02 },
  { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, clipNorm: 0.02 },
] as const;

export const OUTPUTS = ['linear', 'tanh'] as const;
export const LOSSES = ['mse', 'broadcast-mse'] as const;
