import { useI18n } from '../i18n/i18n';
import { displayName } from '../lib/format';
import type { Recipient } from '../lib/types';

type Tone = 'good' | 'info' | 'muted' | 'bad' | 'warn';

interface State {
  label: string;
  tone: Tone;
  title?: string;
}

/** Whether machines (prefetch, scanners, link checkers) touched the copy at all. */
export function hasMachineCounts(recipient: Recipient): boolean {
  const m = recipient.machine;
  return m.opens + m.clicks + m.downloads > 0;
}

/**
 * What one recipient's copy went through, as short labels: opened ×2, clicked, downloaded…
 * People's counts make the labels; what machines did comes last, in a muted label of its own.
 */
export function useRecipientStates() {
  const { t } = useI18n();
  return (recipient: Recipient): State[] => {
    if (recipient.delivery === 'rejected' || recipient.delivery === 'failed') {
      return [{ label: t.state.deliveryFailed, tone: 'bad' }];
    }
    const states: State[] = [];
    if (!recipient.tracked) {
      const untracked = {
        do_not_track: t.state.doNotTrack,
        no_consent: t.policy.noConsent,
        aggregate: t.policy.aggregateState,
        policy_off: t.policy.policyOff,
      } as const;
      const reason = recipient.notTrackedReason;
      states.push({
        label: reason && reason !== 'tracking_off' ? untracked[reason] : t.state.notTracked,
        tone: 'muted',
      });
    } else if (recipient.opens > 0) {
      states.push({ label: t.state.opened(recipient.opens), tone: 'info' });
    } else if (recipient.delivery === 'sent') {
      states.push({ label: t.state.notOpened, tone: 'muted' });
    }
    if (recipient.clicks > 0)
      states.push({ label: t.state.clicked(recipient.clicks), tone: 'good' });
    if (recipient.downloads > 0) {
      states.push({ label: t.state.downloaded(recipient.downloads), tone: 'good' });
    }
    if (hasMachineCounts(recipient)) {
      states.push({
        label: t.state.machines(recipient.machine),
        tone: 'muted',
        title: t.state.machinesHelp,
      });
    }
    if (recipient.delivery !== 'sent') {
      states.push({
        label: recipient.delivery === 'deferred' ? t.delivery.deferred : t.state.pending,
        tone: 'warn',
      });
    }
    return states;
  };
}

export function StateChips({ recipient }: { recipient: Recipient }) {
  const statesOf = useRecipientStates();
  return (
    <span className="chips">
      {statesOf(recipient).map((state) => (
        <span key={state.label} className={`chip chip-${state.tone}`} title={state.title}>
          {state.label}
        </span>
      ))}
    </span>
  );
}

/** Every recipient of a message with their state at a glance. */
export function RecipientStates({ recipients }: { recipients: Recipient[] }) {
  return (
    <ul className="recipient-states">
      {recipients.map((recipient) => (
        <li key={recipient.id}>
          <span className="who" title={recipient.email}>
            {displayName(recipient)}
          </span>{' '}
          <StateChips recipient={recipient} />
        </li>
      ))}
    </ul>
  );
}
