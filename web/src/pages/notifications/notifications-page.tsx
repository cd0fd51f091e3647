import { useMemo } from 'react';
import { DesktopOffer } from '../../components/desktop-offer';
import { ErrorText, Loading } from '../../components/feedback';
import { CheckField, SelectField } from '../../components/field';
import { LabelLegend, labelsIn } from '../../components/label-legend';
import { NotificationLine } from '../../components/notification-line';
import { useI18n } from '../../i18n/i18n';
import { request } from '../../lib/api';
import { Link, navigate, useLocation } from '../../lib/router';
import { spaPath } from '../../lib/spa-routes';
import { useResource } from '../../lib/use-resource';
import { NOTIFICATION_TYPES } from '../../lib/vocabulary';
import {
  FILTER_LABELS,
  filtersOf,
  type NotificationFilters,
  type NotificationType,
  rangeInOrder,
  searchOf,
} from './filters';
import { useNotificationList } from './use-notification-list';

/**
 * Every notification of the reader, newest first, narrowed by filters kept in the address,
 * a page at a time; each marked read on its own or all at once.
 */
export function NotificationsPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const filters = useMemo(() => filtersOf(search), [search]);
  const change = (next: Partial<NotificationFilters>) =>
    navigate(spaPath('notifications') + searchOf({ ...filters, ...next }), { replace: true });
  const list = useNotificationList(filters);
  const filtered = searchOf(filters) !== '';

  return (
    <section className="page notifications-page" aria-labelledby="notifications-title">
      <header className="page-head">
        <h1 id="notifications-title">{t.notifications.title}</h1>
        <button
          type="button"
          className="secondary"
          disabled={!list.items?.some((n) => !n.read)}
          onClick={() => void list.markAllRead()}
        >
          {t.notifications.markAllRead}
        </button>
      </header>
      <p className="muted">{t.notifications.intro}</p>
      <DesktopOffer sayState />
      <Filters filters={filters} onChange={change} />
      {filtered && (
        <button
          type="button"
          className="link-button"
          onClick={() => navigate(spaPath('notifications'), { replace: true })}
        >
          {t.notifications.clearFilters}
        </button>
      )}
      <ErrorText>{rangeInOrder(filters) ? list.error : t.overview.rangeOrder}</ErrorText>
      {list.arrived > 0 && (
        <button type="button" className="new-arrivals" onClick={list.reload}>
          {t.notifications.newArrived(list.arrived)}
        </button>
      )}
      {list.items === undefined ? (
        <Loading label={t.common.loading} />
      ) : list.items.length === 0 ? (
        !list.error &&
        rangeInOrder(filters) && (
          <p className="muted">{filtered ? t.notifications.noneMatch : t.notifications.empty}</p>
        )
      ) : (
        <>
          <ul
            className="notification-list notification-page-list"
            aria-label={t.notifications.title}
          >
            {list.items.map((n) => (
              <li key={n.id} className={n.read ? '' : 'unread'}>
                <Link
                  className="line-link"
                  to={n.messageId ? spaPath('message', { id: n.messageId }) : spaPath('messages')}
                  onClick={() => {
                    if (!n.read) void list.markRead(n.id);
                  }}
                >
                  {!n.read && <span className="visually-hidden">{t.notifications.unread}: </span>}
                  <NotificationLine notification={n} />
                </Link>
                {!n.read && (
                  <button
                    type="button"
                    className="link-button mark-read"
                    onClick={() => void list.markRead(n.id)}
                  >
                    {t.notifications.markRead}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <LabelLegend labels={labelsIn(list.items)} />
          {list.more && (
            <button type="button" className="secondary" onClick={() => void list.loadMore()}>
              {t.notifications.loadMore}
            </button>
          )}
        </>
      )}
    </section>
  );
}

const ANY = '';

/** A select of `options` with "any" first, which stands for no value (undefined). */
function ChoiceOrAny<V extends string>(props: {
  id: string;
  label: string;
  any: string;
  value: V | undefined;
  options: readonly (readonly [V, string])[];
  onChange: (value: V | undefined) => void;
}) {
  return (
    <SelectField<V | typeof ANY>
      id={props.id}
      label={props.label}
      value={props.value ?? ANY}
      options={[[ANY, props.any], ...props.options]}
      onChange={(value) => props.onChange(value === ANY ? undefined : (value as V))}
    />
  );
}

/** The filters' controls: each change goes into the address at once. */
function Filters({
  filters,
  onChange,
}: {
  filters: NotificationFilters;
  onChange: (next: Partial<NotificationFilters>) => void;
}) {
  const { t } = useI18n();
  const messages = useResource(request('GET /api/v1/messages', { query: { limit: 100 } }));
  const typeName = (type: NotificationType) =>
    type === 'webhook_disabled' ? t.notifications.webhookDisabled : t.message.event[type];
  const messageOptions = (messages.data?.messages ?? [])
    .filter((m) => m.status !== 'draft')
    .map((m) => [m.id, m.subject || t.list.noSubject] as const);
  if (filters.messageId && !messageOptions.some(([id]) => id === filters.messageId)) {
    messageOptions.unshift([filters.messageId, t.notifications.thisMessage]);
  }
  return (
    <fieldset className="notification-filters">
      <legend>{t.notifications.filters}</legend>
      <ChoiceOrAny
        id="notification-type"
        label={t.notifications.action}
        any={t.notifications.anyAction}
        value={filters.type}
        options={NOTIFICATION_TYPES.map((v) => [v, typeName(v)] as const)}
        onChange={(type) => onChange({ type })}
      />
      <ChoiceOrAny
        id="notification-label"
        label={t.notifications.label}
        any={t.notifications.anyLabel}
        value={filters.label}
        options={FILTER_LABELS.map((v) => [v, t.message.classification[v]] as const)}
        onChange={(label) => onChange({ label })}
      />
      <ChoiceOrAny
        id="notification-message"
        label={t.notifications.message}
        any={t.notifications.anyMessage}
        value={filters.messageId}
        options={messageOptions}
        onChange={(messageId) => onChange({ messageId })}
      />
      <DateField
        id="notification-from"
        label={t.notifications.from}
        value={filters.from}
        max={filters.to}
        onChange={(from) => onChange({ from })}
      />
      <DateField
        id="notification-to"
        label={t.notifications.to}
        value={filters.to}
        min={filters.from}
        onChange={(to) => onChange({ to })}
      />
      <CheckField
        label={t.notifications.unreadOnly}
        checked={filters.unread}
        onChange={(unread) => onChange({ unread })}
      />
    </fieldset>
  );
}

/** A day (UTC, as the list's dates), or none. */
function DateField(props: {
  id: string;
  label: string;
  value: string | undefined;
  min?: string;
  max?: string;
  onChange: (day: string | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="date"
        value={props.value ?? ''}
        min={props.min}
        max={props.max}
        onChange={(event) => props.onChange(event.target.value || undefined)}
      />
    </div>
  );
}
