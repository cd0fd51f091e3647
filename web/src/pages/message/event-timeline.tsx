import { LabelChip, LabelLegend, labelsIn } from '../../components/label-legend';
import { RelativeTime } from '../../components/relative-time';
import { useI18n } from '../../i18n/i18n';
import type { Message, TrackingEvent } from '../../lib/types';

function clientOf(event: TrackingEvent): string | null {
  const c = event.client;
  if (!c) return null;
  const browser = [c.browser, c.browserVersion?.split('.')[0]].filter(Boolean).join(' ');
  const os = [c.os, c.osVersion].filter(Boolean).join(' ');
  const parts = [browser, os].filter(Boolean).join(' · ');
  return [parts, c.device].filter(Boolean).join(' — ') || null;
}

/** Every event of the message, newest first: who, when, from what, and what it probably was. */
export function EventTimeline({
  message,
  events,
}: {
  message: Message;
  events: TrackingEvent[] | undefined;
}) {
  const { t } = useI18n();
  const newest = events ? [...events].reverse() : undefined;
  return (
    <section aria-labelledby="timeline-title" className="timeline">
      <h2 id="timeline-title">{t.message.timeline}</h2>
      {!message.tracking.enabled && <p className="muted">{t.message.untrackedTimeline}</p>}
      {message.tracking.enabled && newest?.length === 0 && (
        <p className="muted">{t.message.noEvents}</p>
      )}
      {newest && newest.length > 0 && (
        <ol className="events" aria-label={t.message.timeline}>
          {newest.map((event) => {
            const client = clientOf(event);
            const reason = event.reason
              ? (t.message.reason[event.reason] ?? event.reason.replaceAll('_', ' '))
              : null;
            return (
              <li
                key={event.id}
                className={`event event-${event.type} class-${event.classification}`}
              >
                <div className="event-head">
                  <span className="event-type">{t.message.event[event.type]}</span>
                  <span className="event-who">{event.recipient.email}</span>
                  <RelativeTime at={event.at} className="muted small" />
                </div>
                {event.link && (
                  <p className="event-target small">
                    <a href={event.link.url} target="_blank" rel="noreferrer noopener">
                      {event.link.url}
                    </a>
                  </p>
                )}
                {event.attachment && (
                  <p className="event-target small">{event.attachment.filename}</p>
                )}
                <p className="event-facts small">
                  <LabelChip
                    label={event.classification}
                    title={t.message.classificationHelp[event.classification]}
                  />
                  {reason && <span className="muted"> {reason}</span>}
                  {event.inferred && <span className="muted"> · {t.message.inferred}</span>}
                  <span className="muted">
                    {' '}
                    · {t.message.client}: {client ?? t.message.unknownClient}
                  </span>
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {newest && newest.length > 0 && <LabelLegend labels={labelsIn(newest)} />}
    </section>
  );
}
