/** Descriptions of the arguments several operations share, written once. */

export const AS_OF =
  'The date RFM figures and tags are computed as of; default: ONEID_AS_OF, else today (UTC).';
export const FIRST = 'Page size, 1 to 1000.';
export const AFTER = 'endCursor of the previous page; omit for the first page.';
