import type { DevInbox } from './create-dev-inbox.js';
import { type OpenedMail, openMail } from './open-mail.js';

export interface MailCache {
  /** The mail opened, or undefined when the inbox has no such mail. */
  open(id: string): Promise<OpenedMail | undefined>;
}

/**
 * Opening a mail parses all of it, and one page view asks for it several times at once (the
 * page, its body frame, each inline image). A mail never changes once caught, so the last few
 * opened are kept, as promises, so that concurrent requests share one parse. Few, because an
 * opened mail holds its attachments in memory.
 */
export function createMailCache(inbox: DevInbox, capacity = 4): MailCache {
  const entries = new Map<string, Promise<OpenedMail | undefined>>();
  return {
    open(id) {
      const cached = entries.get(id);
      if (cached) {
        // Most recently used last, so the first entry is the one to evict.
        entries.delete(id);
        entries.set(id, cached);
        return cached;
      }
      const opening = inbox.raw(id).then((raw) => raw && openMail(raw));
      entries.set(id, opening);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      // Neither a failure nor an unknown id is worth remembering.
      opening.then(
        (mail) => {
          if (!mail && entries.get(id) === opening) entries.delete(id);
        },
        () => {
          if (entries.get(id) === opening) entries.delete(id);
        },
      );
      return opening;
    },
  };
}
