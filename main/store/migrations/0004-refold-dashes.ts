/**
 * Step 4: shared/kana.ts folds every long-vowel dash to ー since the search learnt that カード finds
 * ｶ-ﾄﾞ, but rows stored before kept their old fold (ｶ-ﾄﾞ as カ-ド): they are folded again.
 */
export const STEP_0004_REFOLD_DASHES = `
  UPDATE transactions SET remarks_folded = fold_kana(remarks);
  `;
