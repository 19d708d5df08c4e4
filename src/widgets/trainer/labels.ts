// The trainer's labeller: the one relabelling mechanism (i18n/labeller.ts)
// bound to the trainer's strings.
import type { Lang } from '../../i18n/lang.ts';
import { Labeller as StringsLabeller, type Translate as StringsTranslate } from '../../i18n/labeller.ts';
import { S } from './strings.ts';

export type Translate = StringsTranslate<typeof S>;

export class Labeller extends StringsLabeller<typeof S> {
  constructor(lang: Lang) {
    super(S, lang);
  }
}
