import type { TFunction } from 'i18next';
import type { LearnedSuggestion, Suggestion } from '../../../shared/ipc/books-contract.ts';

/** A learned suggestion in words: 「過去の登録「ﾌﾘｺﾐ ｶ)ﾐﾄﾞﾘｼﾖｳｶｲ」: 売上高 ×12」. */
export function learnedReason(learned: LearnedSuggestion, title: string, t: TFunction): string {
  return t(learned.from === 'remarks' ? 'books.queue.learned' : 'books.queue.learnedByCounterparty', {
    key: learned.key,
    title,
    count: learned.lines,
  });
}

/** Why a line got its suggestion, in words: the rule, and each rule it won over with the reason. */
export function suggestionReason(suggestion: Suggestion, t: TFunction): string {
  const { reason } = suggestion;
  const byRule = t('books.queue.byRule', {
    keyword: reason.keyword,
    match: t(`books.match.${reason.match}`),
  });
  const over = reason.outranked.map((o) =>
    t('books.queue.outranked', { keyword: o.keyword, why: t(`books.why.${o.why}`) }),
  );
  return [byRule, ...over].join(' / ');
}
