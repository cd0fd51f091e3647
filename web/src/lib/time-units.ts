/** Lengths of time the app shares with the server (src/time-units.ts, pure data: bundled as is). */
export { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from '../../../src/time-units';
