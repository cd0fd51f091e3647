import { useI18n } from '../i18n/i18n';
import { CLASSIFICATIONS } from '../lib/vocabulary';

type Classification = (typeof CLASSIFICATIONS)[number];

/** A label as shown on an event or a notification: its name in a chip of its colour. */
export function LabelChip({ label, title }: { label: Classification; title?: string }) {
  const { t } = useI18n();
  return (
    <span className={`chip class-chip class-chip-${label}`} title={title}>
      {t.message.classification[label]}
    </span>
  );
}

/** The labels among `labelled`, in the legend's order: the ones a list shows. */
export function labelsIn(labelled: readonly { classification: Classification | null }[]) {
  return CLASSIFICATIONS.filter((c) => labelled.some((item) => item.classification === c));
}

/**
 * What each label on an event means, in one line each, shown where the labels are (a tooltip
 * alone is out of reach on a phone and for most screen reader users). Counted apart: people
 * and image proxies are the recipient's opens, machines and the team are not.
 */
export function LabelLegend({ labels = CLASSIFICATIONS }: { labels?: readonly Classification[] }) {
  const { t } = useI18n();
  if (labels.length === 0) return null;
  return (
    <dl className="label-legend small" aria-label={t.message.labelsMeaning}>
      {labels.map((label) => (
        <div key={label}>
          <dt>
            <LabelChip label={label} />
          </dt>
          <dd>{t.message.classificationHelp[label]}</dd>
        </div>
      ))}
    </dl>
  );
}
