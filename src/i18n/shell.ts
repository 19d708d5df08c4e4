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
  backendReason_measured: { zh: '自动：在你的模型上实测几步，选最快的', en: 'automatic: the fastest on a few steps of your model' },
  'backendReason_device-lost': { zh: '回退：GPU 设备丢失', en: 'fallback: the GPU device was lost' },
  backendMsPerStep: { zh: '{best} — 每步 {ms} 毫秒', en: '{best} — {ms} ms/step' },
  backendVersus: { zh: '，对比 {others}', en: ' vs {others}' },
  backendNotTimed: { zh: '{backend} 未能计时', en: '{backend} {note}' },
  backendRejectedShort: { zh: '{backend} 未通过自检', en: '{backend} rejected by its self-test' },
  backendLostShort: { zh: '{backend} 设备丢失', en: '{backend} device lost' },
  backendThreads: {
    zh: '行数足够多的批次（如原文预设的整批）拆给 {threads} 个线程同时计算前向与 BPTT，再把梯度按行数合并',
    en: 'batches with enough rows (the seed’s full batch) are split across {threads} threads for the forward pass and BPTT, their gradients combined by rows',
  },
  backendRejectedZero: {
    zh: '{backend} 被拒绝：它算出的 {fields} 梯度全为零（{inputs}输入，{path}；同 tfjs #8590）',
    en: '{backend} rejected: its gradients of {fields} are all zero ({inputs} inputs, {path}; as in tfjs #8590)',
  },
  backendRejectedMismatch: {
    zh: '{backend} 被拒绝：一步训练与 Float64 参考结果不符（{fields} 误差 {worst}，{inputs}输入，{path}）',
    en: '{backend} rejected: a training step differs from the Float64 reference (error {worst} in {fields}, {inputs} inputs, {path})',
  },
  backendRejectedFailed: { zh: '{backend} 被拒绝：自检出错（{message}）', en: '{backend} rejected: its self-test failed ({message})' },
  backendInputs_ordinary: { zh: '普通', en: 'ordinary' },
  backendInputs_tiny: { zh: '极小（×1/255）', en: 'tiny' },
  backendPath_fused: { zh: '融合内核', en: 'fused' },
  'backendPath_op graph': { zh: 'tfjs 算子图', en: 'op graph' },
  backendMeasuredCost: {
    zh: '在 {cell} 模型（每步 {rows} 行，T = {T}，F = {F}，H = {H}）上测得；自检 {selfTest} 毫秒，计时 {timing} 毫秒，共 {total} 毫秒',
    en: 'timed on the {cell} model ({rows} rows a step, T = {T}, F = {F}, H = {H}); self-tests {selfTest} ms, timing {timing} ms, {total} ms in all',
  },
  backendLost: {
    zh: '{backend} 的 GPU 设备丢失（{message}）；训练带着上一轮的权重转到了 {next}',
    en: "{backend}'s GPU device was lost ({message}); training moved to {next} with the last epoch's weights",
  },
  skip: { zh: '跳到正文', en: 'Skip to the text' },
  footer: {
    zh: '所有计算都在你的浏览器里完成，数据不会离开这台设备。',
    en: 'Everything is computed in your browser; no data leaves this device.',
  },
  widgetFailed: { zh: '这个组件没能加载：{message}', en: 'This widget failed to load: {message}' },
  widgetLoading: { zh: '正在加载…', en: 'Loading…' },
} satisfies Record<string, Text>;
