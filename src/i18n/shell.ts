import type { Text } from './lang.ts';

/** Strings of the page shell (header, contents, footer). Widgets keep their own. */
export const shellText = {
  title: { zh: 'Unrolled：展开循环神经网络', en: 'Unrolled: recurrent networks, unfolded' },
  subtitle: {
    zh: '从前向传播到随时间反向传播，再到梯度消失与爆炸——每个公式旁都有可以动手的计算。',
    en: 'From the forward pass to backpropagation through time and vanishing gradients — every formula has a live computation beside it.',
  },
  contents: { zh: '目录', en: 'Contents' },
  language: { zh: '语言', en: 'Language' },
  backend: { zh: '计算后端', en: 'Compute backend' },
  backendPending: { zh: '加载中…', en: 'loading…' },
  backendIdle: { zh: '未启动', en: 'not started' },
  backendIdleHint: {
    zh: 'tfjs 在需要它的组件（训练器、梯度检验）出现时才加载，并在那时选定后端。',
    en: 'tfjs loads, and picks its backend, when a widget that needs it (the trainer, the gradient check) comes into view.',
  },
  backendThread_worker: { zh: '训练（worker 线程）', en: 'training (worker)' },
  backendThread_page: { zh: '梯度检验（页面线程）', en: 'gradient check (page)' },
  backendReason_requested: { zh: '按链接或菜单的要求', en: 'asked for in the URL' },
  backendReason_auto: { zh: '自动：按实测速度排序的第一个可用后端', en: 'automatic: the first usable one, fastest first as measured' },
  backendReason_fallback: { zh: '回退：所要求的后端无法使用', en: 'fallback: the one asked for failed' },
  skip: { zh: '跳到正文', en: 'Skip to the text' },
  footer: {
    zh: '所有计算都在你的浏览器里完成，数据不会离开这台设备。',
    en: 'Everything is computed in your browser; no data leaves this device.',
  },
  widgetFailed: { zh: '这个组件没能加载：{message}', en: 'This widget failed to load: {message}' },
  widgetLoading: { zh: '正在加载…', en: 'Loading…' },
} satisfies Record<string, Text>;
