// The site's own static files (public/), fetched once per page URL and kept:
// the bundled S&P 500 sample is the one today. Same origin, so it works
// offline from the build and sends nothing anywhere else.
const cache = new Map<string, Promise<Uint8Array>>();

/** The bytes of `path` resolved against the page's URL (document.baseURI). */
export function fetchBundledFile(path: string, pageUrl: string): Promise<Uint8Array> {
  const url = new URL(path, pageUrl).href;
  let pending = cache.get(url);
  if (!pending) {
    pending = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending;
}
