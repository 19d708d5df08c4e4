// Markdown-it inline rule for live numbers: `{{NAME}}` or `{{NAME?key=value&…}}`
// (the query reads like a preset link's, `#try/WIDGET?key=value&…`). It renders
//
//   <span class="live-number" data-live="NAME" data-live-at="key=value&…">TEXT</span>
//
// where TEXT is what the widget shows for NAME at those settings (the other
// settings at their defaults), computed at build time by a resolver. NAME is
// `WIDGET.QUANTITY`, e.g. `vx.readout`. On the page the widget keeps the span in
// step with its state (src/widgets/live-numbers.ts; test hook `[data-live=NAME]`).
import type { MarkdownIt, StateInline } from 'markdown-it';

export interface LiveRequest {
  name: string;
  /** The query as written (may be empty: the widget's default settings). */
  query: string;
}

/** Text of a live number; throws (failing the build) on an unknown name or settings. */
export type LiveResolver = (request: LiveRequest) => string;

const LIVE = /^\{\{([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)(?:\?([^{}\s]*))?\}\}/;

export class LiveSyntaxError extends Error {}

export function liveNumbers(md: MarkdownIt, resolve: LiveResolver): void {
  md.inline.ruler.before('link', 'live_number', (state: StateInline, silent: boolean) => {
    const src = state.src;
    if (src.charCodeAt(state.pos) !== 0x7b || src.charCodeAt(state.pos + 1) !== 0x7b) return false;
    const m = LIVE.exec(src.slice(state.pos, state.posMax));
    if (!m) throw new LiveSyntaxError(`malformed live number near "${src.slice(state.pos, state.pos + 40)}"`);
    if (!silent) {
      const token = state.push('live_number', 'span', 0);
      token.meta = { name: m[1], query: m[2] ?? '' } satisfies LiveRequest;
    }
    state.pos += m[0].length;
    return true;
  });
  md.renderer.rules.live_number = (tokens, idx) => {
    const req = tokens[idx].meta as unknown as LiveRequest;
    const text = resolve(req);
    const e = md.utils.escapeHtml;
    return `<span class="live-number" data-live="${e(req.name)}" data-live-at="${e(req.query)}">${e(text)}</span>`;
  };
}
