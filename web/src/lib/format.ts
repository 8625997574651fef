/** Numbers as every screen writes them (English, like the rest of the copy). */
const counts = new Intl.NumberFormat('en');

/** "2,698". */
export const formatCount = (n: number): string => counts.format(n);

/** "1 rating", "2,698 ratings", "4.5 stars". */
export const countOf = (n: number, noun: string, plural = `${noun}s`): string =>
  `${formatCount(n)} ${n === 1 ? noun : plural}`;

const lists = new Intl.ListFormat('en', { type: 'conjunction' });

/** "Comedy", "Comedy and Sci-Fi", "Action, Comedy, and Drama". */
export const formatList = (items: readonly string[]): string => lists.format(items);
