// Bundled data: the S&P 500 daily history (a plain file the site serves
// itself, public/data/sp500-2000.csv, read by the caller and handed over as
// bytes), and two generated series that teach something specific.
import { createRng } from '../model/random.ts';
import { parseCsv, type Table } from './csv.ts';
import { sliceTable, tableFromColumns } from './table.ts';

/** The bundled series; the one list of them (the trainer's data menu adds the reader's file). */
export const SAMPLES = ['sp500', 'seasonal', 'long-lag'] as const;
export type SampleName = (typeof SAMPLES)[number];

export interface SampleOptions {
  /** long-lag: how many steps back the target copies the input (default 20). */
  lag?: number;
  /** Generated series: seed of the noise (default 1). */
  seed?: number;
  /** Rows: generated series have this many (default 1000); sp500 keeps its latest `length` rows. */
  length?: number;
  /** sp500: the bytes of the file at SP500_PATH. */
  sp500Bytes?: Uint8Array;
}

/** Where the site serves the bundled S&P 500 file, relative to the page (copied from public/). */
export const SP500_PATH = 'data/sp500-2000.csv';

export const DEFAULT_LAG = 20;
const DEFAULT_LENGTH = 1000;

function checkInteger(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

export function loadSample(id: SampleName, opts: SampleOptions = {}): Table {
  const seed = opts.seed ?? 1;
  switch (id) {
    case 'sp500': {
      if (!opts.sp500Bytes) throw new Error(`the S&P 500 sample needs the bytes of ${SP500_PATH}`);
      const parsed = parseCsv(opts.sp500Bytes);
      if (!parsed.ok) throw new Error(`bundled S&P 500 file did not parse: ${parsed.error.kind}`);
      const t = parsed.table;
      if (opts.length === undefined) return t;
      const n = checkInteger('length', opts.length, 2);
      return sliceTable(t, t.rows - n, t.rows);
    }
    case 'seasonal':
      return seasonal(checkInteger('length', opts.length ?? DEFAULT_LENGTH, 2), seed);
    case 'long-lag':
      return longLag(checkInteger('length', opts.length ?? DEFAULT_LENGTH, 2), checkInteger('lag', opts.lag ?? DEFAULT_LAG, 1), seed);
    default:
      throw new RangeError(`unknown sample ${String(id)}`);
  }
}

/**
 * value[t] = 100 + 8 sin(2πt/25) + 4 sin(2πt/9 + 1) + N(0, 0.5²).
 * Two periods that a window of a week or two pins down, so a model can beat
 * persistence by far; the level stays near 100, so percentage errors mean something.
 */
function seasonal(length: number, seed: number): Table {
  const rng = createRng(seed);
  const value = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    value[t] = 100 + 8 * Math.sin((2 * Math.PI * t) / 25) + 4 * Math.sin((2 * Math.PI * t) / 9 + 1) + 0.5 * rng.normal();
  }
  return tableFromColumns({ columns: { value }, target: 'value' });
}

/**
 * input[t] ~ N(0, 1) independently; target[t] = input[t − lag]. Forecasting the
 * next row's target from a window means carrying one input lag − 1 steps
 * through the recurrence: past a few dozen steps the gradient that would teach
 * it has vanished.
 */
function longLag(length: number, lag: number, seed: number): Table {
  const rng = createRng(seed);
  const raw = new Float64Array(length + lag);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.normal();
  const input = raw.slice(lag);
  const target = raw.slice(0, length);
  return tableFromColumns({ columns: { input, target }, target: 'target' });
}
