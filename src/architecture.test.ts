// The rooms' rules, read off the source: which room may import which, where
// tfjs may be loaded from, and where the DOM may be touched. A merge that
// breaks one fails here with the file and the import that broke it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname);

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [p] : [];
  });
}

const FILES = sources();
const rel = (p: string) => relative(SRC, p).replaceAll('\\', '/');
const text = new Map(FILES.map((f) => [f, readFileSync(f, 'utf8')]));
const isTest = (f: string) => f.endsWith('.test.ts');

/** Static import specifiers of a file (import … from, import '…', export … from); `import()` is not static. */
function staticImports(f: string): string[] {
  const src = text.get(f)!;
  return [...src.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** The source file a relative specifier points at, or null for a package. */
function target(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return resolve(dirname(from), spec.split('?')[0]);
}

/** Imports from app code (not tests) in `fromRoom` of files in `toRoom`. */
function importsInto(fromRoom: string, toRoom: string): string[] {
  return FILES.filter((f) => rel(f).startsWith(`${fromRoom}/`) && !isTest(f)).flatMap((f) =>
    staticImports(f)
      .filter((s) => {
        const t = target(f, s);
        return t !== null && rel(t).startsWith(`${toRoom}/`);
      })
      .map((s) => `${rel(f)} → ${s}`),
  );
}

describe('the rooms', () => {
  it('widgets and the shell do not import each other', () => {
    expect(importsInto('widgets', 'shell')).toEqual([]);
    expect(importsInto('shell', 'widgets')).toEqual([]);
  });

  it('src/data words nothing (no i18n) and the reference maths does not use the engine', () => {
    expect(importsInto('data', 'i18n')).toEqual([]);
    expect(importsInto('model', 'engine')).toEqual([]);
    expect(importsInto('model', 'train')).toEqual([]);
    expect(importsInto('engine', 'train')).toEqual([]);
  });

  it('the reference maths, the engine and src/data never touch the DOM', () => {
    const offenders = FILES.filter((f) => /^(model|engine|data)\//.test(rel(f)))
      .filter((f) => /\b(?:document|window)\.|\bHTML\w*Element\b|\bMutationObserver\b/.test(text.get(f)!.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('tfjs comes from tfjs-core and the backends, never from the umbrella package', () => {
    const umbrella = FILES.flatMap((f) => staticImports(f).filter((s) => s === '@tensorflow/tfjs').map(() => rel(f)));
    expect(umbrella).toEqual([]);
  });

  it('nothing the page loads at start imports tfjs (it loads when a widget that needs it mounts)', () => {
    const seen = new Set<string>();
    const tfjs: string[] = [];
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const s of staticImports(f)) {
        if (s.startsWith('@tensorflow/')) tfjs.push(`${rel(f)} → ${s}`);
        const t = target(f, s);
        if (t && t.endsWith('.ts')) walk(t);
      }
    };
    walk(join(SRC, 'main.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect(tfjs).toEqual([]);
  });

  it('no state is read through casts to never', () => {
    const cast = [' as', 'never'].join(' ');
    expect(FILES.filter((f) => text.get(f)!.includes(cast)).map(rel)).toEqual([]);
  });

  it('each concept\'s list is spelled out once, next to the code that defines it', () => {
    const where = (re: RegExp) => FILES.filter((f) => !isTest(f) && re.test(text.get(f)!)).map(rel);
    expect(where(/'tanh',\s*'relu',\s*'linear'/)).toEqual(['model/activation.ts']);
    expect(where(/'webgpu',\s*'wasm',\s*'webgl'/)).toEqual(['train/backends.ts']);
    expect(where(/'sp500',\s*'seasonal',\s*'long-lag'/)).toEqual(['data/samples.ts']);
    expect(where(/'level',\s*'diff',\s*'logret'/)).toEqual(['data/dataset.ts']);
    expect(where(/'mse',\s*'broadcast-mse'/)).toEqual(['engine/head.ts']);
  });
});
