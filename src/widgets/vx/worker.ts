// Computes the widget's numbers off the main thread, so dragging a slider
// never blocks the page even at T = 200, H = 64.
import { computeVx, type VxResult, type VxSettings } from './model.ts';
import type { LatestResponse } from './latest.ts';

export interface VxRequest {
  id: number;
  settings: VxSettings;
}

export type VxResponse = LatestResponse<VxResult>;

self.onmessage = (ev: MessageEvent<VxRequest>) => {
  const { id, settings } = ev.data;
  try {
    const t0 = performance.now();
    const result = computeVx(settings);
    const ms = performance.now() - t0;
    const transfer = [result.log10Spectral, result.log10Frobenius, result.log10Reference, result.log10Bound, result.eigen.re, result.eigen.im].map((a) => a.buffer);
    if (result.clip) transfer.push(result.clip.log10Clipped.buffer);
    (self as unknown as Worker).postMessage({ id, result, ms } satisfies VxResponse, transfer);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: String((err as Error).message ?? err) } satisfies VxResponse);
  }
};
