/** Numbers as every screen writes them (English, like the rest of the copy). */
const counts = new Intl.NumberFormat('en');

/** "2,698". */
export const formatCount = (n: number): string => counts.format(n);

/** "1 rating", "2,698 ratings", "4.5 stars". */
export const countOf = (n: number, noun: string, plural = `${noun}s`): string =>
  `${formatCount(n)} ${n === 1 ? noun : plural}`;
