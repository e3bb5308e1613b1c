/**
 * The longest query clause the API takes, in characters. In a file of its own so the web app's
 * search box can stop at the same length, and say so, without importing zod.
 */
export const MAX_QUERY_LENGTH = 200;
