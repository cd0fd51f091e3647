import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { Icon, type IconName } from '../../components/icons';
import { RelativeTime } from '../../components/relative-time';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../lib/api';
import type { ChatLine, Member } from '../../lib/types';
import { type Action, useAction } from '../../lib/use-action';

const KIND_ICON: Record<string, IconName> = {
  tracking: 'eye',
  expiry: 'clock',
  delivery: 'mail',
  note: 'note',
};

interface MessageChatProps {
  readonly messageId: string;
  readonly lines: ChatLine[] | undefined;
  readonly members: Member[];
  readonly onPosted: () => void;
}

/** The message's chat: tracking notifications, link changes, delivery failures and team notes. */
export function MessageChat({ messageId, lines, members, onPosted }: MessageChatProps) {
  const { t } = useI18n();
  const action = useAction();
  return (
    <section aria-labelledby="chat-title" className="chat">
      <h2 id="chat-title">{t.message.chat}</h2>
      {lines && lines.length === 0 && <p className="muted">{t.message.chatEmpty}</p>}
      {lines && lines.length > 0 && <ChatLines lines={lines} members={members} />}
      <NoteForm messageId={messageId} action={action} onPosted={onPosted} />
      <ErrorText>{action.error}</ErrorText>
    </section>
  );
}

function ChatLines({ lines, members }: { lines: ChatLine[]; members: Member[] }) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const count = lines.length;
  // Follow the chat as lines arrive, inside its own box: the page itself stays where it is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a line arrives
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [count]);
  const authorOf = (line: ChatLine) => {
    if (line.author === 'system') return t.message.system;
    const { id, name } = line.author;
    return name ?? members.find((m) => m.id === id)?.name ?? t.message.someone;
  };
  return (
    <ol ref={list} className="chat-lines" aria-label={t.message.chat} aria-live="polite">
      {lines.map((line) => (
        <li key={line.id} className={`chat-line kind-${line.kind}`}>
          <span className="chat-icon">
            <Icon name={KIND_ICON[line.kind] ?? 'note'} size={16} />
          </span>
          <div>
            <p className="chat-head small">
              <strong>{authorOf(line)}</strong> <RelativeTime at={line.at} className="muted" />
            </p>
            <p className="chat-text">{line.text}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

interface NoteFormProps {
  readonly messageId: string;
  readonly action: Action;
  readonly onPosted: () => void;
}

/** A team note; Ctrl+Enter (or Cmd+Enter) posts it. */
function NoteForm({ messageId, action, onPosted }: NoteFormProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void action.run(async () => {
      await call('POST /api/v1/messages/:id/chat', {
        params: { id: messageId },
        body: { text: text.trim() },
      });
      setText('');
      onPosted();
    });
  };
  return (
    <form onSubmit={submit} className="chat-form">
      <label htmlFor="chat-note" className="visually-hidden">
        {t.message.note}
      </label>
      <textarea
        id="chat-note"
        rows={2}
        maxLength={4000}
        placeholder={t.message.note}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <button type="submit" disabled={action.busy || !text.trim()}>
        {t.message.postNote}
      </button>
    </form>
  );
}
