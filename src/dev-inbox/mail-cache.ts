import { Lru } from '../lru.js';
import type { DevInbox } from './create-dev-inbox.js';
import { type OpenedMail, openMail } from './open-mail.js';

export interface MailCache {
  /** The workspace's mail opened, or undefined when it has no such mail. */
  open(workspaceId: string, id: string): Promise<OpenedMail | undefined>;
}

/**
 * Opening a mail parses all of it, and one page view asks for it several times at once (the
 * page, its body frame, each inline image). A mail never changes once caught, so the last few
 * opened are kept, as promises, so that concurrent requests share one parse. Few, because an
 * opened mail holds its attachments in memory.
 */
export function createMailCache(inbox: DevInbox, capacity = 4): MailCache {
  const entries = new Lru<string, Promise<OpenedMail | undefined>>(capacity);
  return {
    open(workspaceId, mailId) {
      // Keyed by workspace too: a mail opened for its workspace is never served to another.
      const id = `${workspaceId}/${mailId}`;
      const cached = entries.get(id);
      if (cached) return cached;
      const opening = inbox.raw(workspaceId, mailId).then((raw) => raw && openMail(raw));
      entries.set(id, opening);
      // Neither a failure nor an unknown id is worth remembering.
      opening.then(
        (mail) => {
          if (!mail && entries.peek(id) === opening) entries.delete(id);
        },
        () => {
          if (entries.peek(id) === opening) entries.delete(id);
        },
      );
      return opening;
    },
  };
}
