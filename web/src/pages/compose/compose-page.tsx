import { useEffect, useRef, useState } from 'react';
import { ErrorText, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { onDoNotTrack } from '../../lib/addresses';
import { formatTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import type { DoNotTrackEntry, Message } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { AddressField } from './address-field';
import { AttachButton, AttachmentList, DropZone, useUploads } from './attachments';
import { ComposeMenu } from './compose-menu';
import { type DraftContent, problemsOf, readLocalDraft } from './local-drafts';
import { RichEditor } from './rich-editor';
import { TrackingNotice } from './tracking-notice';
import { useDraftSaver } from './use-draft-saver';

const EMPTY: DraftContent = {
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  html: '',
  text: '',
  empty: true,
  attachments: [],
  tracking: false,
  ttlDays: null,
};

function fromMessage(message: Message): DraftContent {
  return {
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    html: message.html ?? '',
    text: message.text ?? '',
    empty: !(message.html || message.text),
    attachments: message.attachments.map(({ id, filename, size }) => ({ id, filename, size })),
    tracking: message.tracking.enabled,
    ttlDays: message.tracking.attachmentLinkTtlDays,
  };
}

/** /compose and /compose/:id: loads the draft (the server's, or this browser's newer copy). */
export function ComposePage({ id }: { id?: string }) {
  const { t } = useI18n();
  const { user } = useMembership();
  const server = useResource<Message>(id ? `/api/v1/messages/${encodeURIComponent(id)}` : null);
  if (id && server.error) return <ErrorText>{t.message.notFound}</ErrorText>;
  if (id && !server.data) return <Loading label={t.common.loading} />;
  if (server.data && server.data.status !== 'draft') {
    return (
      <section className="page">
        <p>{t.compose.notDraft}</p>
        <Link to={`/messages/${server.data.id}`}>{server.data.subject}</Link>
      </section>
    );
  }
  const local = readLocalDraft(user.id, id ?? null);
  const initial = local ?? (server.data ? fromMessage(server.data) : EMPTY);
  return (
    <ComposeForm
      key={id ?? 'new'}
      initial={initial}
      messageId={id ?? null}
      defaultTtl={server.data?.tracking.attachmentLinkTtlDays ?? 30}
    />
  );
}

interface ComposeFormProps {
  readonly initial: DraftContent;
  readonly messageId: string | null;
  readonly defaultTtl: number;
}

function ComposeForm({ initial, messageId, defaultTtl }: ComposeFormProps) {
  const { t, language, errorText } = useI18n();
  const { user } = useMembership();
  const [draft, setDraft] = useState<DraftContent>(initial);
  const [showCc, setShowCc] = useState(initial.cc.length > 0);
  const [showBcc, setShowBcc] = useState(initial.bcc.length > 0);
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const uploads = useUploads(initial.attachments.map((a) => ({ key: a.id, ...a, progress: 1 })));
  const dnt = useResource<{ entries: DoNotTrackEntry[] }>('/api/v1/do-not-track');
  const dntEntries = dnt.data?.entries.map((e) => e.entry) ?? [];
  const saver = useDraftSaver(user.id, messageId);
  const subjectRef = useRef<HTMLInputElement>(null);

  // Uploaded attachments are part of the draft once they have an id.
  const content: DraftContent = {
    ...draft,
    attachments: uploads.items.flatMap((item) =>
      item.id ? [{ id: item.id, filename: item.filename, size: item.size }] : [],
    ),
  };
  const ttl = content.ttlDays ?? saver.serverTtl ?? defaultTtl;
  const contentKey = JSON.stringify(content);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised content is the change that matters
  useEffect(() => saver.schedule(content), [contentKey]);

  const update = (patch: Partial<DraftContent>) => setDraft((d) => ({ ...d, ...patch }));
  const recipients = [...content.to, ...content.cc, ...content.bcc];
  const untracked = content.tracking
    ? recipients.filter((r) => onDoNotTrack(r.email, dntEntries)).length
    : 0;

  const send = async () => {
    const words = {
      recipient: t.compose.needRecipient,
      address: t.compose.fixAddresses,
      subject: t.compose.needSubject,
      body: t.compose.needBody,
    };
    const found: string[] = problemsOf(content).map((p) => words[p]);
    if (uploads.busy) found.push(t.compose.waitUploads);
    setProblems(found);
    if (found.length) return;
    setSending(true);
    try {
      const sent = await saver.send(content);
      navigate(`/messages/${sent.id}`, { replace: true });
    } catch (error) {
      setProblems([errorText(error)]);
      setSending(false);
    }
  };

  const discard = () => {
    if (!window.confirm(t.compose.discardConfirm)) return;
    saver.discard();
    navigate('/messages?view=drafts');
  };

  return (
    <DropZone onFiles={uploads.add}>
      <section className="page compose" aria-labelledby="compose-title">
        <header className="page-head">
          <h1 id="compose-title">{messageId ? t.compose.draftTitle : t.compose.title}</h1>
          <ComposeMenu
            tracking={content.tracking}
            ttlDays={ttl}
            onTracking={(tracking) => update({ tracking })}
            onTtl={(ttlDays) => update({ ttlDays })}
            onSave={() => saver.saveNow(content)}
            onDiscard={messageId ? undefined : discard}
          />
        </header>
        <p className="muted from">
          {t.compose.from}: {user.name} &lt;{user.email}&gt;
        </p>
        <AddressField
          label={t.compose.to}
          addresses={content.to}
          onChange={(to) => update({ to })}
          doNotTrack={content.tracking ? dntEntries : null}
        />
        {showCc && (
          <AddressField
            label={t.compose.cc}
            addresses={content.cc}
            onChange={(cc) => update({ cc })}
            doNotTrack={content.tracking ? dntEntries : null}
          />
        )}
        {showBcc && (
          <AddressField
            label={t.compose.bcc}
            addresses={content.bcc}
            onChange={(bcc) => update({ bcc })}
            doNotTrack={content.tracking ? dntEntries : null}
          />
        )}
        {(!showCc || !showBcc) && (
          <div className="inline-actions">
            {!showCc && (
              <button type="button" className="link-button" onClick={() => setShowCc(true)}>
                {t.compose.addCc}
              </button>
            )}
            {!showBcc && (
              <button type="button" className="link-button" onClick={() => setShowBcc(true)}>
                {t.compose.addBcc}
              </button>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="compose-subject">{t.compose.subject}</label>
          <input
            id="compose-subject"
            ref={subjectRef}
            type="text"
            maxLength={998}
            value={content.subject}
            onChange={(event) => update({ subject: event.target.value })}
          />
        </div>
        <RichEditor
          label={t.compose.body}
          initialHtml={initial.html}
          onChange={(body) => update(body)}
        />
        <div className="attachments-row">
          <AttachButton onFiles={uploads.add} />
          <AttachmentList items={uploads.items} onRemove={uploads.remove} />
        </div>
        <TrackingNotice
          tracking={content.tracking}
          ttlDays={ttl}
          hasAttachments={uploads.items.length > 0}
          untracked={untracked}
        />
        {problems.length > 0 && (
          <ErrorText>
            {problems.map((p) => (
              <span key={p} className="block">
                {p}
              </span>
            ))}
          </ErrorText>
        )}
        <div className="actions compose-actions">
          <button type="button" className="primary" onClick={send} disabled={sending}>
            {sending ? t.compose.sending : t.compose.send}
          </button>
          <button type="button" onClick={() => saver.saveNow(content)} disabled={sending}>
            {t.compose.saveDraft}
          </button>
          <p className="status muted" role="status">
            {saver.state.kind === 'server'
              ? t.compose.draftSaved(formatTime(saver.state.at, language))
              : saver.state.kind === 'local'
                ? t.compose.draftLocal
                : saver.state.kind === 'error'
                  ? errorText(saver.state.error)
                  : ''}
          </p>
        </div>
      </section>
    </DropZone>
  );
}
