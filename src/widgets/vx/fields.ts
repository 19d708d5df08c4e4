// The widget's URL state (`?vx.rho=1.2&vx.act=linear…`) and the mapping from
// an inline preset link (`#try/vx?rho=0.9&steps=100&clip=0`) onto it.
import { ACTIVATIONS } from '../../model/activation.ts';
import { CELLS, isCellName } from '../../model/cells.ts';
import type { Activation } from '../../model/types.ts';
import type { FieldSpec } from '../../state/store.ts';
import { pickParams } from '../preset-params.ts';
import type { VxSettings } from './model.ts';

export const VX_FIELDS = {
  rho: { kind: 'number', default: 1, min: 0, max: 2 },
  steps: { kind: 'number', default: 50, min: 2, max: 200, integer: true },
  input: { kind: 'number', default: 1, min: 0, max: 10 },
  act: { kind: 'enum', default: 'tanh', values: ACTIVATIONS },
  hidden: { kind: 'number', default: 32, min: 2, max: 64, integer: true },
  clip: { kind: 'bool', default: false },
  clipAt: { kind: 'number', default: 1, min: 0.1, max: 10 },
  seed: { kind: 'number', default: 1, min: 0, max: 4294967295, integer: true },
  cell: { kind: 'enum', default: 'rnn', values: CELLS },
  forgetBias: { kind: 'number', default: 0, min: 0, max: 5 },
} as const satisfies Record<keyof VxSettings, FieldSpec>;

/**
 * Preset keys: rho, steps, input, act, hidden, seed, cell, forgetBias as themselves; `clip` is
 * 0/false (off), 1/true (on) or a threshold θ > 0 (on, at θ); `clipAt` sets θ.
 * Keys it does not know are ignored; values are clamped by the field specs.
 */
export function presetEntries(params: URLSearchParams): Record<string, string> {
  const out = pickParams(params, ['rho', 'steps', 'input', 'act', 'hidden', 'seed', 'clipAt', 'cell', 'forgetBias']);
  const clip = params.get('clip');
  if (clip !== null) {
    const c = clip.trim().toLowerCase();
    if (c === 'true' || c === 'on') out.clip = '1';
    else if (c === 'false' || c === 'off') out.clip = '0';
    else {
      const n = Number(c);
      if (Number.isFinite(n)) {
        out.clip = n > 0 ? '1' : '0';
        if (n > 0 && n !== 1) out.clipAt = String(n);
      }
    }
  }
  return out;
}

/** The lab's settings from plain values (e.g. a preset read at build time), checked against the field specs. */
export function toSettings(v: Record<string, string | number | boolean>): VxSettings {
  const num = (k: keyof typeof VX_FIELDS): number => {
    if (typeof v[k] !== 'number') throw new TypeError(`vx.${k} must be a number, got ${String(v[k])}`);
    return v[k] as number;
  };
  const act = v.act;
  if (!(ACTIVATIONS as readonly unknown[]).includes(act)) throw new TypeError(`vx.act must be one of ${ACTIVATIONS.join(', ')}, got ${String(act)}`);
  if (!isCellName(v.cell)) throw new TypeError(`vx.cell must be one of ${CELLS.join(', ')}, got ${String(v.cell)}`);
  return {
    cell: v.cell,
    forgetBias: num('forgetBias'),
    rho: num('rho'),
    steps: num('steps'),
    input: num('input'),
    act: act as Activation,
    hidden: num('hidden'),
    clip: v.clip === true,
    clipAt: num('clipAt'),
    seed: num('seed'),
  };
}
