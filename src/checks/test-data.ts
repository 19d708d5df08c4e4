// Where the unit suites find their reference data (Node only): the copies in
// the repository's test-data/ folder, or another folder named by an
// environment variable (RNN_FIXTURES, GATED_FIXTURES, CSV_CASES), used exactly
// as the default is.
import { readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `$envVar` if set (resolved against the working directory), else `test-data/<inRepo>`. */
export function testDataFolder(envVar: string, inRepo: string): string {
  const given = process.env[envVar];
  return given ? resolve(given) : resolve(REPO_ROOT, 'test-data', inRepo);
}

/** The *.json files of a folder, sorted; none when it is missing or not a folder. */
export function jsonFiles(folder: string): string[] {
  try {
    return statSync(folder).isDirectory() ? readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
  } catch {
    return [];
  }
}
