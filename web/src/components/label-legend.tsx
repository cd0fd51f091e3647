import { useI18n } from '../i18n/i18n';
import { CLASSIFICATIONS } from '../lib/vocabulary';

type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * What each label on an event means, in one line each, shown where the labels are (a tooltip
 * alone is out of reach on a phone and for most screen reader users). Counted apart: people
 * and image proxies are the recipient's opens, machines and the team are not.
 */
export function LabelLegend({ labels = CLASSIFICATIONS }: { labels?: readonly Classification[] }) {
  const { t } = useI18n();
  return (
    <dl className="label-legend small" aria-label={t.message.labelsMeaning}>
      {labels.map((label) => (
        <div key={label}>
          <dt>
            <span className={`chip class-chip class-chip-${label}`}>
              {t.message.classification[label]}
            </span>
          </dt>
          <dd>{t.message.classificationHelp[label]}</dd>
        </div>
      ))}
    </dl>
  );
}
