/**
 * Lengths of time in milliseconds, the unit Date.now() counts in. Pure data, no imports: the
 * store counts days with it and the web app bundles it.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
