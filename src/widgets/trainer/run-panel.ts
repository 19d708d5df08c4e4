// Train / pause / resume, one epoch, reset; the status line, the progress
// bar (epoch, elapsed, ETA) and the notices (NaN guard, settings reset).
import { el } from '../../ui/dom.ts';
import type { Notice, TrainerState } from '../../train/protocol.ts';
import type { Labeller, Translate } from './labels.ts';
import type { StatusView } from './view-model.ts';

export type Command = 'train' | 'pause' | 'step' | 'reset';

export interface RunPanel {
  element: HTMLElement;
  render(status: StatusView, ready: boolean, fatal: string | null): void;
}

function formatDuration(ms: number, lang: 'zh' | 'en'): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = ms / 1000;
  if (s < 60) return lang === 'zh' ? `${s.toFixed(1)} 秒` : `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return lang === 'zh' ? `${m} 分 ${rest} 秒` : `${m} min ${rest} s`;
}

function trainLabel(state: TrainerState, epoch: number, epochs: number): 'train' | 'pause' | 'resume' | 'again' {
  if (state === 'training') return 'pause';
  if (state === 'paused' || state === 'error') return 'resume';
  if (state === 'done' && epoch >= epochs) return 'again';
  return 'train';
}

function noticeText(n: Notice, t: Translate): string {
  switch (n.kind) {
    case 'non-finite':
      return t('nonFinite', {
        epoch: n.epoch,
        restored: n.restoredEpoch,
        lr: n.lr,
        clipHint: n.clip > 0 ? t('clipHintOn', { clip: n.clip }) : t('clipHintOff'),
      });
    case 'reset-by-settings':
      return t('resetBySettings');
    case 'weights-loaded':
      return `${t('weightsLoaded', { epoch: n.epoch })}${n.mismatch ? ` ${t('weightsMismatch')}` : ''}`;
    case 'backend-switched':
      return t('backendSwitched', { backend: n.backend, epoch: n.epoch });
  }
}

export function createRunPanel(L: Labeller, onCommand: (c: Command) => void): RunPanel {
  const train = el('button', { type: 'button', class: 'trainer-button trainer-primary', 'data-testid': 'train' });
  const step = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'step' }, L.text('step'));
  const reset = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'reset' }, L.text('reset'));
  const status = el('p', { class: 'trainer-status', 'data-testid': 'trainer-status', 'data-state': 'idle', 'data-epoch': '0', role: 'status' });
  const bar = el('progress', { class: 'trainer-progress', max: 1, value: 0 });
  const progressText = el('span', { class: 'trainer-progress-text' });
  const notice = el('p', { class: 'trainer-warning', 'data-testid': 'trainer-notice', role: 'alert', hidden: true });

  let last: { status: StatusView; ready: boolean; fatal: string | null } | null = null;
  train.addEventListener('click', () => onCommand(last?.status.state === 'training' ? 'pause' : 'train'));
  step.addEventListener('click', () => onCommand('step'));
  reset.addEventListener('click', () => onCommand('reset'));

  function draw(): void {
    if (!last) return;
    const { status: s, ready, fatal } = last;
    const t = L.t;
    const label = trainLabel(s.state, s.epoch, s.epochs);
    train.textContent = t(label);
    train.setAttribute('aria-pressed', String(s.state === 'training'));
    train.disabled = !ready || fatal !== null;
    step.disabled = !ready || s.state === 'training' || s.epoch >= s.epochs || fatal !== null;
    reset.disabled = !ready || fatal !== null;
    status.dataset.state = s.state;
    status.dataset.epoch = String(s.epoch);
    status.textContent = ready ? t(`state_${s.state}`) : t('waiting');
    bar.max = Math.max(1, s.epochs);
    bar.value = Math.min(s.epoch, s.epochs);
    bar.setAttribute('aria-label', t('progress', { epoch: s.epoch, epochs: s.epochs, elapsed: formatDuration(s.elapsedMs, L.lang) }));
    let text = t('progress', { epoch: s.epoch, epochs: s.epochs, elapsed: formatDuration(s.elapsedMs, L.lang) });
    if (s.epoch > 0) {
      const per = s.elapsedMs / s.epoch;
      if (s.state === 'training' && s.epoch < s.epochs) text += t('eta', { eta: formatDuration(per * (s.epochs - s.epoch), L.lang) });
      text += t('perEpoch', { ms: per < 10 ? per.toFixed(1) : Math.round(per) });
    }
    progressText.textContent = text;
    const message = fatal !== null ? t('fatal', { message: fatal }) : s.notice ? noticeText(s.notice, t) : '';
    notice.textContent = message;
    notice.hidden = message === '';
    notice.classList.toggle('trainer-info', fatal === null && s.notice !== null && s.notice.kind !== 'non-finite');
  }
  L.bind(() => draw());

  const element = el(
    'div',
    { class: 'trainer-run' },
    el('div', { class: 'trainer-row' }, train, step, reset, status),
    el('div', { class: 'trainer-progress-row' }, bar, progressText),
    notice,
  );
  return {
    element,
    render(s, ready, fatal) {
      last = { status: s, ready, fatal };
      draw();
    },
  };
}
