// The training model's head: what follows o(T) and what the loss compares.
// 'tanh' output and 'broadcast-mse' are the seed article's defects, kept so
// the trainer can reproduce them. The one list of each (the types are read off them).

/** 'tanh' squashes the prediction into (−1, 1): the seed article's output layer. */
export const OUTPUTS = ['linear', 'tanh'] as const;
export type OutputName = (typeof OUTPUTS)[number];

/** 'broadcast-mse' reproduces MSELoss(output[N,1], y[N]): the mean over all pairs (i, j) of (o_i − y_j)². */
export const LOSSES = ['mse', 'broadcast-mse'] as const;
export type LossName = (typeof LOSSES)[number];
