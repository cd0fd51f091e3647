import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorText, Loading } from '../components/feedback';
import { useI18n } from '../i18n/i18n';
import { call, type QueryOf } from '../lib/api';
import { displayName, formatDateTime, formatRelative } from '../lib/format';
import { Link, navigate, useLocation, useSearchParam } from '../lib/router';
import { spaPath } from '../lib/spa-routes';
import type { MessageSummary } from '../lib/types';
import { useOnNotification } from '../live/notifications';
import { useVisibleInterval } from '../live/use-interval';
import { useMembership } from '../session/session';
import { clearLocalDraft, unsavedDraft } from './compose/local-drafts';
import { SentFilterBar } from './messages/sent-filter-bar';
import {
  apiQueryOf,
  filtersOf,
  isFiltered,
  NO_FILTERS,
  type SentFilters,
  searchOf,
} from './messages/sent-filters';
import { SentTable } from './messages/sent-table';

const PAGE = 50;

/** The list of drafts: the messages page with its drafts view. */
export const DRAFTS_PATH = `${spaPath('messages')}?view=drafts`;

type ListQuery = QueryOf<'GET /api/v1/messages'>;

/** The newest page merged over what is shown: fresh states on top, older pages kept. */
function merge(fresh: MessageSummary[], shown: MessageSummary[]): MessageSummary[] {
  const oldest = fresh.at(-1)?.id;
  return oldest === undefined ? fresh : [...fresh, ...shown.filter((m) => m.id < oldest)];
}

/** The messages `query` asks for, page by page ("load more"), the newest page refreshed. */
function useMessages(query: ListQuery) {
  // One key per query, so that a new search or filter starts the list again.
  const key = JSON.stringify(query);
  const [messages, setMessages] = useState<MessageSummary[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  // The query being shown: an answer to one left since (a search typed further) is dropped.
  const shownKey = useRef(key);
  shownKey.current = key;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the query.
  const refresh = useCallback(async () => {
    try {
      const page = await call('GET /api/v1/messages', { query: { ...query, limit: PAGE } });
      if (shownKey.current !== key) return;
      setMessages((shown) => merge(page.messages, shown ?? []));
      setCursor((c) => c ?? page.cursor);
      setError(undefined);
    } catch (failure) {
      if (shownKey.current === key) setError(failure);
    }
  }, [key]);

  useEffect(() => {
    setMessages(undefined);
    setCursor(null);
    void refresh();
  }, [refresh]);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await call('GET /api/v1/messages', {
        query: { ...query, limit: PAGE, cursor },
      });
      if (shownKey.current !== key) return;
      setMessages((shown) => [...(shown ?? []), ...page.messages]);
      setCursor(page.cursor);
    } catch (failure) {
      setError(failure);
    }
  };
  /** Takes a message off the list at once (a deleted draft), without waiting for a refresh. */
  const drop = (id: string) => setMessages((shown) => shown?.filter((m) => m.id !== id));
  return { messages, cursor, error, refresh, more, drop };
}

export function MessagesPage() {
  const { t } = useI18n();
  const drafts = useSearchParam('view') === 'drafts';
  return (
    <section className="page" aria-labelledby="messages-title">
      <header className="page-head">
        <h1 id="messages-title">{drafts ? t.list.drafts : t.list.title}</h1>
        <Link to={spaPath('compose')} className="button primary">
          {t.nav.compose}
        </Link>
      </header>
      <nav aria-label={t.list.filter} className="tabs">
        <Link to={spaPath('messages')} aria-current={drafts ? undefined : 'page'}>
          {t.list.sent}
        </Link>
        <Link to={DRAFTS_PATH} aria-current={drafts ? 'page' : undefined}>
          {t.list.drafts}
        </Link>
      </nav>
      {drafts ? <DraftsList /> : <SentList />}
    </section>
  );
}

/** The sent list: its search and filters in the address, a table of what matches. */
function SentList() {
  const { t, errorText } = useI18n();
  const location = useLocation();
  const filters = filtersOf(location.search);
  const { messages, cursor, error, refresh, more } = useMessages(apiQueryOf(filters));
  useOnNotification(refresh);
  useVisibleInterval(refresh, 15_000);
  /** A new search or filter is a new entry of the history (Back returns to the one before), but
   * for a search typed further, which replaces the one it refines. */
  const change = (next: SentFilters, typing = false) =>
    navigate(`${spaPath('messages')}${searchOf(next)}`, { replace: typing && filters.q !== '' });
  const filtered = isFiltered(filters);
  return (
    <>
      <SentFilterBar filters={filters} onChange={change} />
      {error !== undefined && <ErrorText>{errorText(error)}</ErrorText>}
      {!messages && error === undefined && <Loading label={t.common.loading} />}
      {messages && messages.length === 0 && (
        <div className="empty">
          {filtered ? (
            <>
              <p>{t.list.noMatch}</p>
              <button type="button" onClick={() => change(NO_FILTERS)}>
                {t.list.clearFilters}
              </button>
            </>
          ) : (
            <>
              <p>{t.list.empty}</p>
              <Link to={spaPath('compose')}>{t.list.write}</Link>
            </>
          )}
        </div>
      )}
      {messages && messages.length > 0 && <SentTable messages={messages} />}
      {cursor && messages && (
        <button type="button" onClick={more}>
          {t.list.loadMore}
        </button>
      )}
    </>
  );
}

/** The drafts: the server's, and this browser's unsaved one. */
function DraftsList() {
  const { t, errorText } = useI18n();
  const { user } = useMembership();
  const { messages, cursor, error, refresh, more, drop } = useMessages(DRAFTS_QUERY);
  useOnNotification(refresh);
  useVisibleInterval(refresh, 15_000);
  // Bumped when this browser's unsaved draft is deleted, so that the list reads it again.
  const [, setLocalGone] = useState(0);
  const local = unsavedDraft(user.id);
  return (
    <>
      {error !== undefined && <ErrorText>{errorText(error)}</ErrorText>}
      {!messages && error === undefined && <Loading label={t.common.loading} />}
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
      {messages && messages.length === 0 && !local && (
        <div className="empty">
          <p>{t.list.emptyDrafts}</p>
        </div>
      )}
      {messages && messages.length > 0 && (
        <ul className="message-list" aria-label={t.list.drafts}>
          {messages.map((message) => (
            <DraftRow key={message.id} message={message} onDeleted={() => drop(message.id)} />
          ))}
        </ul>
      )}
      {cursor && messages && (
        <button type="button" onClick={more}>
          {t.list.loadMore}
        </button>
      )}
    </>
  );
}

const DRAFTS_QUERY: ListQuery = { draft: true };

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

function DraftRow({ message, onDeleted }: { message: MessageSummary; onDeleted: () => void }) {
  const { t, language } = useI18n();
  const { user } = useMembership();
  const to = [...message.to, ...message.cc].map(displayName).join(', ');
  return (
    <li className="message-row">
      <div className="row-head">
        <Link to={spaPath('draft', { id: message.id })} className="subject">
          {message.subject || t.list.noSubject}
        </Link>
        <time
          dateTime={message.createdAt}
          title={formatDateTime(message.createdAt, language)}
          className="muted small"
        >
          {formatRelative(message.createdAt, language)}
        </time>
      </div>
      {to && (
        <p className="muted small row-meta">
          <span>
            {t.list.to}: {to}
          </span>
        </p>
      )}
      <DeleteDraftButton
        subject={message.subject || t.list.noSubject}
        onDelete={async () => {
          await call('DELETE /api/v1/messages/:id', { params: { id: message.id } });
          // This browser's copy of it would otherwise bring it back as "unsaved".
          clearLocalDraft(user.id, message.id);
          onDeleted();
        }}
      />
    </li>
  );
}
