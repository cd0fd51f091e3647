import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { Icon } from '../../components/icons';
import { useI18n } from '../../i18n/i18n';
import { type Upload, uploadAttachment } from '../../lib/api';
import { formatSize } from '../../lib/format';
import { useMembership } from '../../session/session';

export interface PendingAttachment {
  readonly key: string;
  readonly filename: string;
  readonly size: number;
  /** 0–1 while uploading. */
  readonly progress: number;
  readonly id?: string;
  readonly error?: string;
}

/** The uploads of one compose view: each file goes up at once, with its own progress. */
export function useUploads(initial: PendingAttachment[]) {
  const { errorText, t, language } = useI18n();
  const { maxAttachmentBytes } = useMembership();
  const [items, setItems] = useState<PendingAttachment[]>(initial);
  const uploads = useRef(new Map<string, Upload>());
  const change = (key: string, patch: Partial<PendingAttachment>) =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const add = (files: Iterable<File>) => {
    for (const file of files) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // Refused here, before a byte goes up: the server would refuse it only after the upload.
      if (file.size > maxAttachmentBytes) {
        const limit = megabytes(maxAttachmentBytes, language);
        const error = t.compose.tooLarge(file.name, limit);
        setItems((all) => [
          ...all,
          { key, filename: file.name, size: file.size, progress: 0, error },
        ]);
        continue;
      }
      const upload = uploadAttachment(file, (progress) => change(key, { progress }));
      uploads.current.set(key, upload);
      setItems((all) => [...all, { key, filename: file.name, size: file.size, progress: 0 }]);
      upload.promise.then(
        (stored) => change(key, { id: stored.id, progress: 1 }),
        (error: unknown) =>
          change(key, { error: t.compose.uploadFailed(file.name, errorText(error)) }),
      );
    }
  };
  const remove = (key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    setItems((all) => all.filter((item) => item.key !== key));
  };
  const busy = items.some((item) => item.id === undefined && item.error === undefined);
  const ids = items.flatMap((item) => (item.id ? [item.id] : []));
  return { items, add, remove, busy, ids };
}

/** The limit as MAX_ATTACHMENT_MB says it, `25 MB` (MB of 1024 × 1024 bytes, as the server counts). */
function megabytes(bytes: number, language: string): string {
  const mb = Math.round((bytes / 1024 / 1024) * 100) / 100;
  return `${new Intl.NumberFormat(language).format(mb)} MB`;
}

export function AttachmentList({
  items,
  onRemove,
}: {
  items: PendingAttachment[];
  onRemove: (key: string) => void;
}) {
  const { t, language } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t.compose.attachments}>
      {items.map((item) => (
        <li key={item.key} className={item.error ? 'failed' : ''}>
          <span className="file-name">{item.filename}</span>
          <span className="muted">{formatSize(item.size, language)}</span>
          {item.id === undefined && item.error === undefined && (
            <progress
              max={1}
              value={item.progress}
              aria-label={t.compose.uploading(Math.round(item.progress * 100))}
            />
          )}
          {item.error && (
            <span className="error" role="alert">
              {item.error}
            </span>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={t.compose.removeAttachment(item.filename)}
            onClick={() => onRemove(item.key)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The file picker's button (the input itself is hidden but labelled and reachable). */
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        <Icon name="paperclip" />
        {t.compose.attach}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t.compose.attach}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
    </>
  );
}

/** Files dropped anywhere on the compose view are attached; an overlay says so while dragging. */
export function DropZone({
  onFiles,
  children,
}: {
  onFiles: (files: File[]) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [depth, setDepth] = useState(0);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; the Attach button does the same by keyboard
    <div
      className="drop-zone"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDepth((d) => d + 1);
      }}
      onDragOver={(event) => {
        if (hasFiles(event)) event.preventDefault();
      }}
      onDragLeave={() => setDepth((d) => Math.max(0, d - 1))}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDepth(0);
        onFiles([...event.dataTransfer.files]);
      }}
    >
      {children}
      {depth > 0 && (
        <div className="drop-overlay" aria-hidden="true">
          {t.compose.dropHere}
        </div>
      )}
    </div>
  );
}
