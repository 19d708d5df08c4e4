// The experiment as an ordered list of sections (definitions) and steps (the
// run), shared by the script and the notebook renderers.
import type { Lang, Text } from '../i18n/lang.ts';
import { metricsSection } from './py-metrics.ts';
import { modelSection } from './py-model.ts';
import { pick, pyStr } from './py-literals.ts';
import { rowsSection } from './py-rows.ts';
import { settingsSection } from './py-settings.ts';
import { lossSection, orderSection, trainSection } from './py-train.ts';
import { windowsSection } from './py-windows.ts';
import type { RunRecord } from './run-record.ts';
import { embedsRows, type Section, type Step } from './section.ts';

const TEXT = {
  runTitle: { zh: '运行', en: 'The run' },
  load: { zh: '读入数据行。', en: 'Read the rows.' },
  windows: { zh: '构造窗口（数目与页面核对）。', en: "Build the windows (their numbers are checked against the page's)." },
  model: { zh: '建立模型，放好页面的初始权重。', en: "Build the model with the page's initial weights." },
  train: { zh: '训练：每 PRINT_EVERY 个 epoch 打印一次训练和测试损失。', en: 'Train, printing the training and test losses every PRINT_EVERY epochs.' },
  report: { zh: '测试集指标，与页面显示的并排；最后一行机器可读。', en: 'Test metrics beside the ones the page showed; the last line is machine-readable.' },
  rowsRead: { zh: '{} 行，{} 个训练窗口，{} 个测试窗口', en: '{} rows, {} training windows, {} test windows' },
  argsDoc: { zh: '重做页面上的那次训练。', en: 'Rerun the training from the page.' },
  csvArg: { zh: '页面读过的那个 CSV 文件（默认：CSV_PATH）', en: 'the CSV file the page read (default: CSV_PATH)' },
  printArg: { zh: '每隔多少个 epoch 打印一次损失', en: 'print the losses every this many epochs' },
} satisfies Record<string, Text>;

export function sections(r: RunRecord): Section[] {
  return [settingsSection(r), rowsSection(r), windowsSection(r), modelSection(r), lossSection(r), orderSection(r), trainSection(r), metricsSection(r)];
}

/** The run, one step per notebook cell. */
export function steps(r: RunRecord): Step[] {
  const t = pick(TEXT, r.lang);
  const source = embedsRows(r) ? 'load_rows()' : 'load_rows(CSV_PATH)';
  return [
    { text: t.load, code: `dates, columns = ${source}` },
    { text: t.windows, code: `train_split, test_split = make_windows(columns)\nprint(${pyStr(t.rowsRead)}.format(len(columns[TARGET]), len(train_split.y), len(test_split.y)))` },
    { text: t.model, code: 'model = build_model()\nmodel' },
    { text: t.train, code: 'losses = train(model, train_split, test_split, PRINT_EVERY)' },
    { text: t.report, code: 'pred_price = report(model, test_split)' },
  ];
}

/** The script's main(): the same steps, with the file and the print interval from the command line. */
export function scriptMain(r: RunRecord, lang: Lang = r.lang): string {
  const t = pick(TEXT, lang);
  const csvArg = embedsRows(r) ? '' : `\n    parser.add_argument("csv", nargs="?", default=CSV_PATH, help=${pyStr(t.csvArg)})`;
  return `def main():
    parser = argparse.ArgumentParser(description=${pyStr(t.argsDoc)})${csvArg}
    parser.add_argument("--print-every", type=int, default=PRINT_EVERY, help=${pyStr(t.printArg)})
    args = parser.parse_args()
    dates, columns = ${embedsRows(r) ? 'load_rows()' : 'load_rows(args.csv)'}
    train_split, test_split = make_windows(columns)
    print(${pyStr(t.rowsRead)}.format(len(columns[TARGET]), len(train_split.y), len(test_split.y)))
    model = build_model()
    train(model, train_split, test_split, max(1, args.print_every))
    report(model, test_split)


if __name__ == "__main__":
    main()`;
}

export function runTitle(r: RunRecord): string {
  return pick(TEXT, r.lang).runTitle;
}
