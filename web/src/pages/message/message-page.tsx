import { useCallback, useEffect, useState } from 'react';
import { ErrorText, Loading, StatusText } from '../../components/feedback';
import { Menu, type MenuEntry } from '../../components/menu';
import { useI18n } from '../../i18n/i18n';
import { call, request } from '../../lib/api';
import { displayName, formatDateTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import type { Message } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { useOnNotification } from '../../live/notifications';
import { useVisibleInterval } from '../../live/use-interval';
import { useMembership } from '../../session/session';
import { ClipWarning } from '../compose/clip-warning';
import { AggregateOpens } from './aggregate-opens';
import { AttachmentLinks } from './attachment-links';
import { EventTimeline } from './event-timeline';
import { MessageChat } from './message-chat';
import { MessagePreview } from './message-preview';
import { RecipientsTable } from './recipients-table';

/** How often an open message view asks again: muted messages and delivery have no push. */
const POLL_MS = 5_000;

export function MessagePage({ id }: { id: string }) {
  const { t, errorText } = useI18n();
  const params = { id };
  const message = useResource(request('GET /api/v1/messages/:id', { params }));
  const events = useResource(request('GET /api/v1/messages/:id/events', { params }));
  const chat = useResource(request('GET /api/v1/messages/:id/chat', { params }));
  const members = useResource(request('GET /api/v1/workspace/members'));
  const refresh = useCallback(() => {
    void message.reload();
    void events.reload();
    void chat.reload();
  }, [message.reload, events.reload, chat.reload]);
  useOnNotification(refresh, id);
  useVisibleInterval(refresh, POLL_MS);
  // The chat is worded in the reader's profile language: read it again when that changes.
  const profileLanguage = useMembership().user.language;
  const reloadChat = chat.reload;
  useEffect(() => {
    void profileLanguage;
    void reloadChat();
  }, [profileLanguage, reloadChat]);

  useEffect(() => {
    if (message.data?.status === 'draft') navigate(spaPath('draft', { id }), { replace: true });
  }, [message.data?.status, id]);

  if (message.error) return <ErrorText>{t.message.notFound}</ErrorText>;
  if (!message.data) return <Loading label={t.common.loading} />;
  const m = message.data;
  return (
    <article className="page message-view" aria-labelledby="message-title">
      <p>
        <Link to={spaPath('messages')}>← {t.message.back}</Link>
      </p>
      <header className="page-head">
        <h1 id="message-title">{m.subject}</h1>
        <MessageMenu message={m} onChanged={(next) => message.set(next)} />
      </header>
      <MessageMeta message={m} />
      {m.tracking.enabled && m.notifications.muted && (
        <p className="notice notice-muted">{t.message.muted}</p>
      )}
      <ClipWarning warnings={m.warnings} tracking={m.tracking.enabled} />
      <AggregateOpens message={m} />
      <RecipientsTable message={m} onErased={refresh} />
      {m.attachments.length > 0 && <AttachmentLinks message={m} onChanged={refresh} />}
      <div className="columns">
        <EventTimeline message={m} events={events.data?.events} />
        <MessageChat
          messageId={m.id}
          lines={chat.data?.lines}
          members={members.data?.members ?? []}
          onPosted={() => void chat.reload()}
        />
      </div>
      {events.error !== undefined && <ErrorText>{errorText(events.error)}</ErrorText>}
      <MessagePreview message={m} />
    </article>
  );
}

function MessageMeta({ message }: { message: Message }) {
  const { t, language } = useI18n();
  return (
    <dl className="meta">
      {message.from && (
        <>
          <dt>{t.message.from}</dt>
          <dd>
            {displayName(message.from)} <span className="muted">&lt;{message.from.email}&gt;</span>
          </dd>
        </>
      )}
      <dt>{message.sentAt ? t.message.sentAt : t.message.createdAt}</dt>
      <dd>
        {formatDateTime(message.sentAt ?? message.createdAt, language)}{' '}
        <span className={`chip ${message.status.includes('failed') ? 'chip-bad' : 'chip-muted'}`}>
          {t.status[message.status]}
        </span>{' '}
        <span className={`chip ${message.tracking.enabled ? 'chip-info' : 'chip-muted'}`}>
          {message.tracking.enabled ? t.list.tracked : t.list.untracked}
        </span>
        {message.tracking.policy && (
          <>
            {' '}
            <span className="chip chip-muted" title={t.policy.keptNote}>
              {t.policy.chip(t.policy.short[message.tracking.policy])}
            </span>
          </>
        )}
      </dd>
    </dl>
  );
}

/**
 * The sent message's ⋯ menu. The Tracking switch is gone (it locks at send, as in the seed
 * product); a line says why. What stays is each user's own switch for notifications.
 */
function MessageMenu({
  message,
  onChanged,
}: {
  message: Message;
  onChanged: (m: Message) => void;
}) {
  const { t, errorText } = useI18n();
  const { user } = useMembership();
  const [status, setStatus] = useState('');
  const params = { id: message.id };
  const act = async (run: () => Promise<Partial<Message>>, done: string) => {
    try {
      onChanged({ ...message, ...(await run()) });
      setStatus(done);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const entries: MenuEntry[] = [
    { kind: 'note', text: message.tracking.enabled ? t.message.lockedOn : t.message.lockedOff },
  ];
  if (message.tracking.enabled) {
    const muted = message.notifications.muted;
    entries.push({
      kind: 'action',
      label: muted ? t.message.unmute : t.message.mute,
      onSelect: () =>
        void act(
          async () => {
            const result = await call('PUT /api/v1/messages/:id/notifications', {
              params,
              body: { muted: !muted },
            });
            return { notifications: { muted: result.muted } };
          },
          muted ? t.message.unmutedDone : t.message.mutedDone,
        ),
    });
  }
  const ownMessage = message.from?.email.toLowerCase() === user.email.toLowerCase();
  if (message.following !== undefined && !ownMessage) {
    const following = message.following;
    entries.push({
      kind: 'action',
      label: following ? t.message.unfollow : t.message.follow,
      onSelect: () =>
        void act(async () => {
          const result = following
            ? await call('DELETE /api/v1/messages/:id/follow', { params })
            : await call('PUT /api/v1/messages/:id/follow', { params });
          return { following: result.following };
        }, ''),
    });
  }
  return (
    <div className="message-menu">
      <Menu label={t.message.menu} entries={entries} />
      {status && <StatusText>{status}</StatusText>}
    </div>
  );
}
