/** The sample counts of a data set as `plan` and the report show them, for every kind of source. */

interface Counts {
  readonly source: string;
  readonly train?: number;
  readonly test?: number;
  readonly validation?: number;
}

/** "mnist, train 8000, validation 1000, test 2000": the part in parentheses of `aelab plan`'s line. */
export const planCounts = (c: Counts): string =>
  `${c.source}${c.train !== undefined ? `, train ${c.train}` : ''}${c.validation !== undefined ? `, validation ${c.validation}` : ''}${c.test !== undefined ? `, test ${c.test}` : ''}`;

/** ", 8000 train / 2000 test", or '' when neither is given. */
export const reportCounts = (c: Counts): string =>
  c.train !== undefined || c.test !== undefined || c.validation !== undefined
    ? `, ${c.train ?? 'all'} train / ${c.validation !== undefined ? `${c.validation} validation / ` : ''}${c.test ?? 'all'} test`
    : '';
