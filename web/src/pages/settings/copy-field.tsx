import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** A secret or link shown once, selectable, with a Copy button. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="field copy-field" role="status">
      <label htmlFor={id}>{label}</label>
      <div className="inline-actions">
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t.common.copied : t.common.copy}
        </button>
      </div>
    </div>
  );
}
