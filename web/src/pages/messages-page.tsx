import { useCallback, useEffect, useState } from 'react';
import { ErrorText, Loading } from '../components/feedback';
import { RecipientStates } from '../components/recipient-state';
import { useI18n } from '../i18n/i18n';
import { call } from '../lib/api';
import { displayName, formatDateTime, formatRelative } from '../lib/format';
import { Link, useSearchParam } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import type { MessageSummary } from '../lib/types';
import { useOnNotification } from '../live/notifications';
import { useVisibleInterval } from '../live/use-interval';
import { useMembership } from '../session/session';
import { clearLocalDraft, unsavedDraft } from './compose/local-drafts';

const PAGE = 50;

/** The list of drafts: the messages page with its drafts view. */
export const DRAFTS_PATH = `${spaPath('messages')}?view=drafts`;
/** Sent messages a recipient replied to (the shared mailbox saw the reply). */
export const REPLIED_PATH = `${spaPath('messages')}?view=replied`;

type View = 'sent' | 'drafts' | 'replied';

/** The newest page merged over what is shown: fresh states on top, older pages kept. */
function merge(fresh: MessageSummary[], shown: MessageSummary[]): MessageSummary[] {
  const oldest = fresh.at(-1)?.id;
  return oldest === undefined ? fresh : [...fresh, ...shown.filter((m) => m.id < oldest)];
}

function useMessages(view: View) {
  const drafts = view === 'drafts';
  const replied = view === 'replied' ? true : undefined;
  const [messages, setMessages] = useState<MessageSummary[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const status = drafts ? 'draft' : undefined;

  const refresh = useCallback(async () => {
    try {
      const page = await call('GET /api/v1/messages', { query: { limit: PAGE, status, replied } });
      setMessages((shown) => merge(page.messages, shown ?? []));
      setCursor((c) => c ?? page.cursor);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [status, replied]);

  useEffect(() => {
    setMessages(undefined);
    setCursor(null);
    void refresh();
  }, [refresh]);

  const more = async () => {
    if (!cursor) return;
    const page = await call('GET /api/v1/messages', {
      query: { limit: PAGE, status, replied, cursor },
    });
    setMessages((shown) => [...(shown ?? []), ...page.messages]);
    setCursor(page.cursor);
  };
  /** Takes a message off the list at once (a deleted draft), without waiting for a refresh. */
  const drop = (id: string) => setMessages((shown) => shown?.filter((m) => m.id !== id));
  return { messages, cursor, error, refresh, more, drop };
}

export function MessagesPage() {
  const { t, errorText } = useI18n();
  const { user } = useMembership();
  const param = useSearchParam('view');
  const view: View = param === 'drafts' || param === 'replied' ? param : 'sent';
  const drafts = view === 'drafts';
  const { messages, cursor, error, refresh, more, drop } = useMessages(view);
  useOnNotification(refresh);
  useVisibleInterval(refresh, 15_000);
  // Bumped when this browser's unsaved draft is deleted, so that the list reads it again.
  const [, setLocalGone] = useState(0);
  const local = drafts ? unsavedDraft(user.id) : null;
  // Drafts have their own view; the sent list leaves them out.
  const shown = messages?.filter((m) => (drafts ? m.status === 'draft' : m.status !== 'draft'));

  return (
    <section className="page" aria-labelledby="messages-title">
      <header className="page-head">
        <h1 id="messages-title">{drafts ? t.list.drafts : t.list.title}</h1>
        <Link to={spaPath('compose')} className="button primary">
          {t.nav.compose}
        </Link>
      </header>
      <nav aria-label={t.list.filter} className="tabs">
        <Link to={spaPath('messages')} aria-current={view === 'sent' ? 'page' : undefined}>
          {t.list.sent}
        </Link>
        <Link to={REPLIED_PATH} aria-current={view === 'replied' ? 'page' : undefined}>
          {t.list.replied}
        </Link>
        <Link to={DRAFTS_PATH} aria-current={drafts ? 'page' : undefined}>
          {t.list.drafts}
        </Link>
      </nav>
      {error !== undefined && <ErrorText>{errorText(error)}</ErrorText>}
      {!shown && error === undefined && <Loading label={t.common.loading} />}
      {local && (
        <ul className="message-list">
          <li className="message-row">
            <Link to={spaPath('compose')} className="subject">
              {local.subject || t.list.noSubject}
            </Link>
            <p className="muted">{t.list.localDraft}</p>
            <DeleteDraftButton
              subject={local.subject || t.list.noSubject}
              onDelete={async () => {
                clearLocalDraft(user.id, null);
                setLocalGone((n) => n + 1);
              }}
            />
          </li>
        </ul>
      )}
      {shown && shown.length === 0 && !local && (
        <div className="empty">
          <p>{drafts ? t.list.emptyDrafts : t.list.empty}</p>
          {!drafts && <Link to={spaPath('compose')}>{t.list.write}</Link>}
        </div>
      )}
      {shown && shown.length > 0 && (
        <ul className="message-list" aria-label={drafts ? t.list.drafts : t.list.title}>
          {shown.map((message) => (
            <MessageRow key={message.id} message={message} onDeleted={() => drop(message.id)} />
          ))}
        </ul>
      )}
      {cursor && shown && (
        <button type="button" onClick={more}>
          {t.list.loadMore}
        </button>
      )}
    </section>
  );
}

/** Deletes a draft after asking; the button's name says which draft. */
function DeleteDraftButton({
  subject,
  onDelete,
}: {
  subject: string;
  onDelete: () => Promise<void>;
}) {
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!window.confirm(t.list.deleteDraftConfirm(subject))) return;
    setBusy(true);
    try {
      await onDelete();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={t.list.deleteDraftLabel(subject)}
        disabled={busy}
        onClick={() => void remove()}
      >
        {t.list.deleteDraft}
      </button>
      {error && <ErrorText>{error}</ErrorText>}
    </>
  );
}

function MessageRow({ message, onDeleted }: { message: MessageSummary; onDeleted: () => void }) {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const when = message.sentAt ?? message.createdAt;
  const to = [...message.to, ...message.cc].map(displayName).join(', ');
  const href =
    message.status === 'draft'
      ? spaPath('draft', { id: message.id })
      : spaPath('message', { id: message.id });
  return (
    <li className="message-row">
      <div className="row-head">
        <Link to={href} className="subject">
          {message.subject || t.list.noSubject}
        </Link>
        <time dateTime={when} title={formatDateTime(when, language)} className="muted small">
          {formatRelative(when, language)}
        </time>
      </div>
      <p className="muted small row-meta">
        {to && (
          <span>
            {t.list.to}: {to}
          </span>
        )}
        {message.status !== 'draft' && (
          <span className={`chip ${message.tracking.enabled ? 'chip-info' : 'chip-muted'}`}>
            {message.tracking.enabled ? t.list.tracked : t.list.untracked}
          </span>
        )}
        {message.status !== 'sent' && message.status !== 'draft' && (
          <span className={`chip ${message.status.includes('failed') ? 'chip-bad' : 'chip-warn'}`}>
            {t.status[message.status]}
          </span>
        )}
      </p>
      {message.status !== 'draft' && <RecipientStates recipients={message.recipients} />}
      {message.status === 'draft' && (
        <DeleteDraftButton
          subject={message.subject || t.list.noSubject}
          onDelete={async () => {
            await call('DELETE /api/v1/messages/:id', { params: { id: message.id } });
            // This browser's copy of it would otherwise bring it back as "unsaved".
            clearLocalDraft(user.id, message.id);
            onDeleted();
          }}
        />
      )}
    </li>
  );
}
