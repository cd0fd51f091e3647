import { useEffect, useMemo, useState } from 'react';
import { ErrorText, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { onDoNotTrack } from '../../lib/addresses';
import { request } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import type { Address, Message } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { DRAFTS_PATH } from '../messages-page';
import { AddressField } from './address-field';
import { AttachButton, AttachmentList, DropZone, useUploads } from './attachments';
import { ClipWarning } from './clip-warning';
import { ComposeMenu } from './compose-menu';
import { type DraftContent, problemsOf, readLocalDraft } from './local-drafts';
import { PolicyNote } from './policy-note';
import { RichEditor } from './rich-editor';
import { TrackingNotice } from './tracking-notice';
import { useClipWarnings } from './use-clip-warnings';
import { useDraftSaver } from './use-draft-saver';

/** A new message: tracking as the user's default (theirs, else the workspace's) says. */
const emptyDraft = (tracking: boolean): DraftContent => ({
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  html: '',
  text: '',
  empty: true,
  attachments: [],
  tracking,
  ttlDays: null,
});

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
  const { user, trackingDefault } = useMembership();
  const server = useResource(id ? request('GET /api/v1/messages/:id', { params: { id } }) : null);
  // Read once per draft opened: this browser's copy changes with every keystroke from then on.
  const local = useMemo(() => readLocalDraft(user.id, id ?? null), [user.id, id]);
  if (id && server.error) return <ErrorText>{t.message.notFound}</ErrorText>;
  if (id && !server.data) return <Loading label={t.common.loading} />;
  if (server.data && server.data.status !== 'draft') {
    return (
      <section className="page">
        <p>{t.compose.notDraft}</p>
        <Link to={spaPath('message', { id: server.data.id })}>{server.data.subject}</Link>
      </section>
    );
  }
  const initial = local ?? (server.data ? fromMessage(server.data) : emptyDraft(trackingDefault));
  return (
    <ComposeForm
      key={id ?? 'new'}
      initial={initial}
      restoredAt={local?.savedAt ?? null}
      messageId={id ?? null}
      defaultTtl={server.data?.tracking.attachmentLinkTtlDays ?? 30}
    />
  );
}

interface ComposeFormProps {
  readonly initial: DraftContent;
  /** When the draft was restored from this browser's copy: when that copy was last written. */
  readonly restoredAt: string | null;
  readonly messageId: string | null;
  readonly defaultTtl: number;
}

type Saver = ReturnType<typeof useDraftSaver>;

/** The workspace's do-not-track list (empty until it has loaded). */
function useDoNotTrack(): string[] {
  const dnt = useResource(request('GET /api/v1/do-not-track'));
  return dnt.data?.entries.map((e) => e.entry) ?? [];
}

/** How many recipients will get an untracked copy: none while tracking is off. */
function untrackedCount(content: DraftContent, doNotTrack: readonly string[]): number {
  if (!content.tracking) return 0;
  const recipients = [...content.to, ...content.cc, ...content.bcc];
  return recipients.filter((r) => onDoNotTrack(r.email, doNotTrack)).length;
}

function ComposeForm({ initial, restoredAt, messageId, defaultTtl }: ComposeFormProps) {
  const { t, errorText } = useI18n();
  const [discardError, setDiscardError] = useState<string | null>(null);
  const { user } = useMembership();
  const [draft, setDraft] = useState<DraftContent>(initial);
  const uploads = useUploads(initial.attachments.map((a) => ({ key: a.id, ...a, progress: 1 })));
  const dntEntries = useDoNotTrack();
  const saver = useDraftSaver(user.id, messageId);

  // Uploaded attachments are part of the draft once they have an id.
  const content: DraftContent = {
    ...draft,
    attachments: uploads.items.flatMap((item) =>
      item.id ? [{ id: item.id, filename: item.filename, size: item.size }] : [],
    ),
  };
  const ttl = content.ttlDays ?? saver.serverTtl ?? defaultTtl;
  const warnings = useClipWarnings(content);
  const contentKey = JSON.stringify(content);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised content is the change that matters
  useEffect(() => saver.schedule(content), [contentKey]);

  const update = (patch: Partial<DraftContent>) => setDraft((d) => ({ ...d, ...patch }));

  const discard = async () => {
    if (!window.confirm(t.compose.discardConfirm)) return;
    try {
      await saver.discard();
      navigate(DRAFTS_PATH);
    } catch (error) {
      setDiscardError(errorText(error));
    }
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
            onDiscard={() => void discard()}
          />
        </header>
        {restoredAt && <RestoredNotice at={restoredAt} onDiscard={() => void discard()} />}
        {discardError && <ErrorText>{discardError}</ErrorText>}
        <p className="muted from">
          {t.compose.from}: {user.name} &lt;{user.email}&gt;
        </p>
        <Recipients
          initial={initial}
          content={content}
          update={update}
          doNotTrack={content.tracking ? dntEntries : null}
        />
        <TextField
          id="compose-subject"
          label={t.compose.subject}
          type="text"
          maxLength={998}
          value={content.subject}
          onChange={(subject) => update({ subject })}
        />
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
          untracked={untrackedCount(content, dntEntries)}
        />
        <ClipWarning warnings={warnings} tracking={content.tracking} />
        <PolicyNote tracking={content.tracking} />
        <SendActions
          content={content}
          uploading={uploads.busy}
          saver={saver}
          onTracking={(tracking) => update({ tracking })}
        />
      </section>
    </DropZone>
  );
}

/** Says that the form holds a draft restored from this browser, with the way to throw it away. */
function RestoredNotice({ at, onDiscard }: { at: string; onDiscard: () => void }) {
  const { t, language } = useI18n();
  return (
    <div className="notice notice-muted restored-notice" role="status">
      <span>{t.compose.restored(formatTime(at, language))}</span>{' '}
      <button type="button" className="link-button" onClick={onDiscard}>
        {t.compose.restoredDiscard}
      </button>
    </div>
  );
}

type Kind = 'to' | 'cc' | 'bcc';

interface RecipientsProps {
  readonly initial: DraftContent;
  readonly content: DraftContent;
  readonly update: (patch: Partial<DraftContent>) => void;
  readonly doNotTrack: readonly string[] | null;
}

/** To, and Cc and Bcc once they have addresses or are asked for. */
function Recipients({ initial, content, update, doNotTrack }: RecipientsProps) {
  const { t } = useI18n();
  const [shown, setShown] = useState({ cc: initial.cc.length > 0, bcc: initial.bcc.length > 0 });
  const kinds = (['to', 'cc', 'bcc'] as const).filter((k) => k === 'to' || shown[k]);
  const hidden = (['cc', 'bcc'] as const).filter((k) => !shown[k]);
  const adds = { cc: t.compose.addCc, bcc: t.compose.addBcc };
  return (
    <>
      {kinds.map((kind: Kind) => (
        <AddressField
          key={kind}
          label={t.compose[kind]}
          addresses={content[kind]}
          onChange={(addresses: Address[]) => update({ [kind]: addresses })}
          doNotTrack={doNotTrack}
        />
      ))}
      {hidden.length > 0 && (
        <div className="inline-actions">
          {hidden.map((kind) => (
            <button
              key={kind}
              type="button"
              className="link-button"
              onClick={() => setShown({ ...shown, [kind]: true })}
            >
              {adds[kind]}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

interface SendActionsProps {
  readonly content: DraftContent;
  readonly uploading: boolean;
  readonly saver: Saver;
  readonly onTracking: (on: boolean) => void;
}

/** Send (once the draft is complete), the tracking switch in words, save, how the last save went. */
function SendActions({ content, uploading, saver, onTracking }: SendActionsProps) {
  const { t, language, errorText } = useI18n();
  const [problems, setProblems] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const send = async () => {
    const words = {
      recipient: t.compose.needRecipient,
      address: t.compose.fixAddresses,
      subject: t.compose.needSubject,
      body: t.compose.needBody,
    };
    const found: string[] = problemsOf(content).map((p) => words[p]);
    if (uploading) found.push(t.compose.waitUploads);
    setProblems(found);
    if (found.length) return;
    setSending(true);
    try {
      const sent = await saver.send(content);
      navigate(spaPath('message', { id: sent.id }), { replace: true });
    } catch (error) {
      setProblems([errorText(error)]);
      setSending(false);
    }
  };
  const state = saver.state;
  return (
    <>
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
        {/* Beside Send, in words: what this mail will do is never only inside the ⋯ menu. */}
        <button
          type="button"
          className={`chip tracking-chip ${content.tracking ? 'chip-info' : 'chip-muted'}`}
          aria-pressed={content.tracking}
          title={t.compose.trackingChipHelp}
          onClick={() => onTracking(!content.tracking)}
          disabled={sending}
        >
          {t.compose.trackingChip(content.tracking)}
        </button>
        <button type="button" onClick={() => saver.saveNow(content)} disabled={sending}>
          {t.compose.saveDraft}
        </button>
        <p className="status muted" role="status">
          {state.kind === 'server'
            ? t.compose.draftSaved(formatTime(state.at, language))
            : state.kind === 'local'
              ? t.compose.draftLocal
              : state.kind === 'error'
                ? errorText(state.error)
                : ''}
        </p>
      </div>
    </>
  );
}
