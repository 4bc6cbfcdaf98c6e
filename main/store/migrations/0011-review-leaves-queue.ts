/**
 * Step 11: Bookkeeping: a review takes its line out of books_queue in the code that writes it
 * (store/books/: ReviewStore.review, and batch-registration.ts's statements), no longer by a
 * trigger per review: rule application writes tens of thousands of reviews at once, and a trigger
 * program per row cost more than the entries themselves (npm run bench:books). Every review is
 * written by those two; undoing one still puts the line back through books_queue_reopened.
 */
export const STEP_0011_REVIEW_LEAVES_QUEUE = `
  DROP TRIGGER books_queue_reviewed;
  `;
