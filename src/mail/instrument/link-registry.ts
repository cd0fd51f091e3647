import type { InstrumentOptions, TrackedLink } from './types.js';

/** Gives each distinct target one index, shared by the html and text parts. */
export class LinkRegistry {
  readonly links: TrackedLink[] = [];
  readonly #byUrl = new Map<string, { link: TrackedLink; trackingUrl: string | undefined }>();
  readonly #clickUrl: InstrumentOptions['clickUrl'];

  constructor(clickUrl: InstrumentOptions['clickUrl']) {
    this.#clickUrl = clickUrl;
  }

  /** Whether the target was recorded already (by the html part, when the text comes second). */
  has(url: string): boolean {
    return this.#byUrl.has(url);
  }

  /** Records the target and returns its tracking URL (`undefined` when links are not rewritten). */
  track(url: string): string | undefined {
    let entry = this.#byUrl.get(url);
    if (entry === undefined) {
      const link: TrackedLink = { index: this.links.length, url };
      this.links.push(link);
      entry = { link, trackingUrl: this.#clickUrl?.({ ...link }) };
      this.#byUrl.set(url, entry);
    }
    return entry.trackingUrl;
  }
}
