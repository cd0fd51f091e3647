/**
 * The time windows the sequence rules use. Scanners fetch every link of a message within a second
 * or two of each other, mostly within seconds of delivery; a person needs longer than that to
 * receive, open, read and click.
 */

/** Hits on the same copy closer than this to the next one form one chain (a possible burst). */
export const BURST_GAP_MS = 2_000;

/** A click this soon after delivery, with no open before it, is not a reader's. */
export const EARLY_CLICK_MS = 15_000;

/** An open must come at least this long before an early click to show that someone read. */
export const OPEN_LEAD_MS = 2_000;

/**
 * Two links clicked within BURST_GAP_MS are still a person's when the same network showed a
 * reader's open at least this long before (someone who read, then opened links in new tabs).
 */
export const READ_LEAD_MS = 10_000;

/**
 * After a honeypot hit, a burst or an early click, further hits from the same network (/24, /48)
 * within this long are the same machine.
 */
export const SOURCE_WINDOW_MS = 60_000;

/**
 * How much history the caller should pass in `CopyContext.prior` at the least; the copy's whole
 * history is better (a copy has few hits), since a reader's open long before a click counts.
 */
export const PRIOR_WINDOW_MS = 30 * 60_000;

/**
 * How long to hold a click before notifying: a burst grows while its hits come less than
 * BURST_GAP_MS apart, so a few gaps' worth catches nearly all of it; later changes go through
 * relabelPrior.
 */
export const SETTLE_MS = 5_000;
