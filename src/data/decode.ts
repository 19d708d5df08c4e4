// Bytes → text. UTF-8 (with or without BOM) first; bytes that are not valid
// UTF-8 are read as GB18030 (a superset of GBK, which Chinese brokers and
// Excel in a Chinese locale write) unless they look like a single-byte
// European file, which is read as Windows-1252. Binary content is refused.

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; kind: 'empty' | 'not-text' };

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function lenient(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label).decode(bytes);
}

/**
 * Runs of bytes ≥ 0x80: Chinese text in GBK comes in pairs (even runs);
 * accented letters in Windows-1252 stand alone (runs of one, or odd).
 */
function looksSingleByteEuropean(bytes: Uint8Array): boolean {
  let odd = 0;
  let even = 0;
  let run = 0;
  const n = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i <= n; i++) {
    if (i < n && bytes[i] >= 0x80) {
      run++;
    } else if (run > 0) {
      if (run % 2 === 1) odd++;
      else even++;
      run = 0;
    }
  }
  return odd > even;
}

/** UTF-16 without a BOM: ASCII text leaves every other byte zero. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const half = n / 2;
  if (zeroOdd > 0.7 * half && zeroEven < 0.05 * half) return 'utf-16le';
  if (zeroEven > 0.7 * half && zeroOdd < 0.05 * half) return 'utf-16be';
  return null;
}

/** Control characters that never occur in a text export (tab, CR, LF, FF are fine). */
function controlShare(text: string): number {
  const n = Math.min(text.length, 65536);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad / n;
}

function finish(text: string, encoding: TextEncodingName): DecodeResult {
  if (text.trim().length === 0) return { ok: false, kind: 'empty' };
  if (text.includes('\u0000') || controlShare(text) > 0.01) return { ok: false, kind: 'not-text' };
  return { ok: true, text, encoding };
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, kind: 'empty' };
  const b0 = bytes[0];
  const b1 = bytes.length > 1 ? bytes[1] : -1;
  if (b0 === 0xef && b1 === 0xbb && bytes.length > 2 && bytes[2] === 0xbf) {
    return finish(tryDecode('utf-8', bytes) ?? lenient('utf-8', bytes), 'utf-8');
  }
  if (b0 === 0xff && b1 === 0xfe) return finish(lenient('utf-16le', bytes), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return finish(lenient('utf-16be', bytes), 'utf-16be');
  if (bytes.indexOf(0) !== -1) {
    const wide = utf16WithoutBom(bytes);
    if (wide === null) return { ok: false, kind: 'not-text' };
    return finish(lenient(wide, bytes), wide);
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return finish(utf8, 'utf-8');
  if (!looksSingleByteEuropean(bytes)) {
    const gb = tryDecode('gb18030', bytes);
    if (gb !== null) return finish(gb, 'gb18030');
  }
  return finish(lenient('windows-1252', bytes), 'windows-1252');
}
