// A prose link gives the trainer every field: the named ones as written, the
// rest at their defaults, so that link A followed by link B is link B alone.
import { describe, expect, it } from 'vitest';
import { UrlStore, formatField } from '../../state/store.ts';
import { TRAIN_FIELDS, configFromFields } from './fields.ts';
import { linkFields, linkSeries } from './preset-link.ts';

const COLUMNS = ['open', 'high', 'low', 'close', 'adjclose', 'volume'];
const link = (q: string, columns = COLUMNS, target = 'close') => linkFields(new URLSearchParams(q), columns, target);
function configOf(q: string) {
  const fields = new UrlStore(() => new URLSearchParams(), () => {}).defineFields('train', TRAIN_FIELDS);
  fields.set(link(q).values);
  return configFromFields(fields.all(), COLUMNS, 'close');
}
const defaultOf = (k: keyof typeof TRAIN_FIELDS) => formatField(TRAIN_FIELDS[k], TRAIN_FIELDS[k].default);

describe('trainer preset links', () => {
  it('set every field: the named ones, the preset, and the rest at their defaults', () => {
    const { values } = link('data=sp500&preset=seed&epochs=300');
    expect(Object.keys(values).sort()).toEqual(Object.keys(TRAIN_FIELDS).sort());
    expect(values).toMatchObject({ data: 'sp500', lr: '0.1', momentum: '0.9', hidden: '50', epochs: '300', batch: '0', optimizer: 'sgd', features: 'close,open,high', target: '' });
    expect(values.seed).toBe(defaultOf('seed'));
    expect(values.split).toBe(defaultOf('split'));
  });

  it('link A then link B leaves the trainer as B alone does', () => {
    let params = new URLSearchParams();
    const fields = new UrlStore(() => new URLSearchParams(params), (p) => (params = p)).defineFields('train', TRAIN_FIELDS);
    const B = 'data=sp500&preset=fast';
    fields.set(link(B).values);
    const alone = fields.all();
    fields.set(link('data=sp500&preset=seed&defect=broadcast&seed=7&split=0.8&lr=0.5').values);
    fields.set(link(B).values);
    expect(fields.all()).toEqual(alone);
    expect(params.toString()).toBe('');
  });

  it('a defect link switches on that defect alone, with the level as target', () => {
    const c = configOf('data=sp500&preset=seed&defect=tanh');
    expect(c).toMatchObject({ output: 'tanh', loss: 'mse', scaling: 'train-only', transform: 'level', features: ['close', 'open', 'high'], epochs: 2000 });
    const all = configOf('data=sp500&preset=seed&loss=broadcast-mse&output=tanh&scaling=per-split');
    expect(all).toMatchObject({ output: 'tanh', loss: 'broadcast-mse', scaling: 'per-split' });
  });

  it('the long-lag task gets its own inputs and a window as long as its lag, unless the link spells them out', () => {
    const columns = ['input', 'target'];
    expect(link('data=long-lag&lag=30&preset=seed', columns, 'target').values).toMatchObject({ window: '30', features: 'input,target', target: 'target', transform: 'level', lag: '30' });
    expect(link('data=long-lag&lag=30&preset=seed&window=7', columns, 'target').values.window).toBe('7');
    expect(linkSeries(new URLSearchParams('preset=fast'))).toEqual({ data: 'sp500', lag: 20 });
  });
});
