import { useI18n } from '../../i18n/i18n';
import type { Message } from '../../lib/types';

/**
 * A message sent under the `aggregate` policy: its only tracking data, the total opens, and the
 * plain statement that nothing about any recipient exists.
 */
export function AggregateOpens({ message }: { message: Message }) {
  const { t } = useI18n();
  const aggregate = message.tracking.aggregate;
  if (!aggregate) return null;
  return (
    <section aria-labelledby="aggregate-title" className="aggregate-opens">
      <h2 id="aggregate-title">{t.policy.aggregateTitle}</h2>
      <p>{t.policy.aggregateOpens(aggregate.opens, aggregate.machineOpens)}</p>
      <p className="muted small">{t.policy.aggregateNote}</p>
    </section>
  );
}
