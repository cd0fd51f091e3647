import { useEffect, useRef, useState } from 'react';
import { ApiError, type BodyOf, call } from '../../lib/api';
import { spaPath } from '../../lib/spa-routes';
import type { Message } from '../../lib/types';
import { clearLocalDraft, type DraftContent, problemsOf, writeLocalDraft } from './local-drafts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'local' }
  | { kind: 'server'; at: string }
  | { kind: 'error'; error: unknown };

const AUTOSAVE_MS = 1500;

/** The draft as a message's fields: a new message's body, and a stored draft's changes. */
function bodyOf(draft: DraftContent): BodyOf<'POST /api/v1/messages'> {
  return {
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    html: draft.empty ? null : draft.html,
    text: draft.empty ? null : draft.text,
    attachments: draft.attachments.map((a) => a.id),
    tracking: {
      enabled: draft.tracking,
      ...(draft.ttlDays === null ? {} : { attachmentLinkTtlDays: draft.ttlDays }),
    },
  };
}

/** Sends the draft: the stored message with these last changes, or a new one at once. */
async function sendOnServer(id: string | null, draft: DraftContent): Promise<Message> {
  if (!id) return call('POST /api/v1/messages', { body: { ...bodyOf(draft), send: true } });
  await call('PATCH /api/v1/messages/:id', { params: { id }, body: bodyOf(draft) });
  return call('POST /api/v1/messages/:id/send', { params: { id } });
}

/**
 * The draft's copy on the server and in this browser: `persist` writes both (the server's only
 * once the message is complete enough), `state` says how the last save went.
 */
function useDraftCopy(userId: string, initialId: string | null) {
  const id = useRef(initialId);
  const lastSaved = useRef<string | null>(null);
  const finished = useRef(false);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [serverTtl, setServerTtl] = useState<number | null>(null);

  const persist = async (draft: DraftContent) => {
    if (finished.current) return;
    writeLocalDraft(userId, id.current, draft);
    if (problemsOf(draft).length) {
      setState({ kind: 'local' });
      return;
    }
    const key = JSON.stringify(draft);
    if (key === lastSaved.current) return;
    try {
      let message: Message;
      if (id.current) {
        message = await call('PATCH /api/v1/messages/:id', {
          params: { id: id.current },
          body: bodyOf(draft),
        });
      } else {
        message = await call('POST /api/v1/messages', { body: bodyOf(draft) });
        clearLocalDraft(userId, null);
        id.current = message.id;
        // The address bar follows without re-rendering the page (the editor keeps its state);
        // a reload opens the server's draft.
        window.history.replaceState(null, '', spaPath('draft', { id: message.id }));
      }
      clearLocalDraft(userId, message.id);
      lastSaved.current = key;
      setServerTtl(message.tracking.attachmentLinkTtlDays);
      setState({ kind: 'server', at: new Date().toISOString() });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };
  return { id, finished, state, serverTtl, persist };
}

/**
 * Keeps the draft safe as it is written: in this browser at once, on the server (which only
 * takes a message with a recipient, a subject and a body) shortly after typing stops. Saves run
 * one after another, so a send never races an autosave into a second message.
 */
export function useDraftSaver(userId: string, initialId: string | null) {
  const { id, finished, state, serverTtl, persist } = useDraftCopy(userId, initialId);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);
  const pending = useRef<DraftContent | null>(null);
  const started = useRef(false);

  const enqueue = (draft: DraftContent) => {
    const next = queue.current.then(() => persist(draft));
    queue.current = next.catch(() => undefined);
    return next;
  };

  const flush = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const draft = pending.current;
    pending.current = null;
    return draft ? enqueue(draft) : queue.current;
  };

  // Whatever was typed in the last moment before leaving the page is saved too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on leaving
  useEffect(() => () => void flush(), []);

  return {
    state,
    serverTtl,
    get messageId() {
      return id.current;
    },
    schedule(draft: DraftContent) {
      // The first call is the draft as loaded: nothing to save yet.
      if (!started.current) {
        started.current = true;
        return;
      }
      if (finished.current) return;
      writeLocalDraft(userId, id.current, draft);
      pending.current = draft;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    saveNow(draft: DraftContent) {
      pending.current = draft;
      return flush();
    },
    async send(draft: DraftContent): Promise<Message> {
      pending.current = null;
      window.clearTimeout(timer.current);
      await queue.current;
      finished.current = true;
      try {
        const message = await sendOnServer(id.current, draft);
        clearLocalDraft(userId, null);
        clearLocalDraft(userId, message.id);
        return message;
      } catch (error) {
        finished.current = false;
        throw error;
      }
    },
    /**
     * Throws the draft away: this browser's copy, and the server's once any save in flight has
     * settled (so a save cannot bring it back, nor a POST leave a draft behind).
     */
    async discard(): Promise<void> {
      finished.current = true;
      pending.current = null;
      window.clearTimeout(timer.current);
      await queue.current;
      clearLocalDraft(userId, null);
      clearLocalDraft(userId, id.current);
      if (id.current) {
        try {
          await call('DELETE /api/v1/messages/:id', { params: { id: id.current } });
        } catch (error) {
          // Gone already (404) is what was asked; anything else leaves the draft listed.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
      }
    },
  };
}
