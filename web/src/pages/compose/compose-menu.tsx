import { type FormEvent, useId, useState } from 'react';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { Menu, type MenuEntry } from '../../components/menu';
import { useI18n } from '../../i18n/i18n';

interface ComposeMenuProps {
  readonly tracking: boolean;
  readonly ttlDays: number;
  readonly onTracking: (on: boolean) => void;
  readonly onTtl: (days: number) => void;
  readonly onSave: () => void;
  /** Deletes the draft: this browser's copy and the server's. */
  readonly onDiscard: () => void;
}

/** The compose view's ⋯ menu: the Tracking switch, as in the seed product, and the link expiry. */
export function ComposeMenu(props: ComposeMenuProps) {
  const { t } = useI18n();
  const [editingTtl, setEditingTtl] = useState(false);
  const entries: MenuEntry[] = [
    {
      kind: 'switch',
      label: t.compose.tracking,
      checked: props.tracking,
      onChange: props.onTracking,
    },
    {
      kind: 'action',
      label: t.compose.linkExpiry(props.ttlDays),
      onSelect: () => setEditingTtl(true),
      disabled: !props.tracking,
    },
    { kind: 'action', label: t.compose.saveDraft, onSelect: props.onSave },
    { kind: 'action', label: t.compose.discard, onSelect: props.onDiscard },
  ];
  return (
    <>
      <Menu label={t.compose.options} entries={entries} />
      {editingTtl && (
        <TtlDialog
          days={props.ttlDays}
          onSave={(days) => {
            props.onTtl(days);
            setEditingTtl(false);
          }}
          onClose={() => setEditingTtl(false)}
        />
      )}
    </>
  );
}

function TtlDialog({
  days,
  onSave,
  onClose,
}: {
  days: number;
  onSave: (days: number) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(days));
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1 && n <= 3650) onSave(n);
  };
  return (
    <Dialog title={t.compose.expiryTitle} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <TextField
          id={inputId}
          label={t.compose.expiryDays}
          type="number"
          min={1}
          max={3650}
          step={1}
          required
          value={value}
          onChange={setValue}
        />
        <DialogActions submit={t.common.save} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
