// The experiment as a Jupyter notebook (nbformat 4.4 JSON): the page's
// explanations as Markdown cells in the reader's language, each section's
// code in its own cell, the run one step per cell, and a plot of the
// forecasts when matplotlib is installed.
import { runTitle, sections, steps } from './experiment.ts';
import { plotSection } from './py-metrics.ts';
import { imports, notebookIntro } from './py-settings.ts';
import type { RunRecord } from './run-record.ts';

export const NOTEBOOK_NAME = 'unrolled_experiment.ipynb';

interface Cell {
  cell_type: 'markdown' | 'code';
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: [];
}

/** nbformat keeps a cell's text as lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  const out = text.split('\n');
  return out.map((l, i) => (i < out.length - 1 ? `${l}\n` : l));
}

const markdown = (text: string): Cell => ({ cell_type: 'markdown', metadata: {}, source: lines(text) });
const code = (text: string): Cell => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: lines(text) });

export function notebookCells(r: RunRecord): Cell[] {
  const intro = notebookIntro(r);
  const cells: Cell[] = [markdown(`# ${intro.title}\n\n${intro.text}`), code(imports(r))];
  for (const s of sections(r)) cells.push(markdown(`## ${s.title}\n\n${s.text}`), code(s.code));
  cells.push(markdown(`## ${runTitle(r)}`));
  for (const s of steps(r)) cells.push(markdown(s.text), code(s.code));
  const plot = plotSection(r);
  cells.push(markdown(`## ${plot.title}\n\n${plot.text}`), code(plot.code));
  return cells;
}

export function renderNotebook(r: RunRecord): string {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python', mimetype: 'text/x-python', file_extension: '.py' },
    },
    cells: notebookCells(r),
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
