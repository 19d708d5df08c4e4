// Test helpers: running generated Python from the Node tests — which interpreter, whether it
// has numpy and torch, running a script, and reading its output back. Tests
// skip (saying why) without torch, unless REQUIRE_TORCH=1 makes that a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The system interpreter (Debian's python3-torch installs there), else python3 from the PATH. */
export const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

export function pythonHas(modules: string): boolean {
  const r = spawnSync(PYTHON, ['-c', `import ${modules}`], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0;
}

/** Whether the torch tests run: true with torch; false (skip) without; throws without torch when REQUIRE_TORCH=1. */
export function torchOrSkip(): boolean {
  if (pythonHas('torch, numpy')) return true;
  const why = `${PYTHON} cannot import torch and numpy`;
  if (process.env.REQUIRE_TORCH === '1') throw new Error(`REQUIRE_TORCH=1 but ${why}`);
  console.warn(`skipping the PyTorch comparisons: ${why} (install python3-torch and python3-numpy, or set PYTHON)`);
  return false;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface PythonResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function runPython(args: string[], opts: { cwd?: string; timeoutMs?: number; input?: string } = {}): PythonResult {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', cwd: opts.cwd, timeout: opts.timeoutMs ?? 300_000, input: opts.input, maxBuffer: 64 << 20 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : ''), status: r.status };
}

/** Writes `text` to dir/name and runs it with `args`; throws with the output when it fails. */
export function runScript(dir: string, name: string, text: string, args: string[] = [], timeoutMs?: number): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = runPython([path, ...args], { cwd: dir, timeoutMs });
  if (r.status !== 0) throw new Error(`${name} exited with ${r.status}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

export interface ScriptOutput {
  /** Training loss per printed epoch, by epoch number (1-based). */
  trainLoss: Map<number, number>;
  testLoss: Map<number, number>;
  /** The last line's values. */
  metrics: Record<string, number>;
  lastLine: string;
  /** The line before it: the forecast for the step after the data (null when the script did not print one there). */
  next: { date: string; model: number; persistence: number } | null;
}

const EPOCH_LINE = /^epoch\s+(\d+)\/\d+\s+train_loss=(\S+)\s+test_loss=(\S+)$/;
export const NEXT_LINE = /^next_forecast date=(\S+) model=(\S+) persistence=(\S+)$/;
export const LAST_LINE = /^test_mse=(\S+) test_rmse=(\S+) test_mae=(\S+) persistence_mse=(\S+) persistence_rmse=(\S+)$/;

export function parseScriptOutput(stdout: string): ScriptOutput {
  const lines = stdout.trimEnd().split('\n');
  const trainLoss = new Map<number, number>();
  const testLoss = new Map<number, number>();
  for (const l of lines) {
    const m = EPOCH_LINE.exec(l.trim());
    if (m) {
      trainLoss.set(Number(m[1]), Number(m[2]));
      testLoss.set(Number(m[1]), Number(m[3]));
    }
  }
  const lastLine = lines[lines.length - 1];
  const m = LAST_LINE.exec(lastLine);
  if (!m) throw new Error(`last line is not the metrics line: ${lastLine}`);
  const [, mse, rmse, mae, pmse, prmse] = m.map(Number);
  const n = NEXT_LINE.exec(lines[lines.length - 2] ?? '');
  const next = n ? { date: n[1], model: Number(n[2]), persistence: Number(n[3]) } : null;
  return { trainLoss, testLoss, lastLine, next, metrics: { test_mse: mse, test_rmse: rmse, test_mae: mae, persistence_mse: pmse, persistence_rmse: prmse } };
}
