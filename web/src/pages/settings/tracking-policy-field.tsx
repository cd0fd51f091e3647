import { FieldGroup, SelectField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import type { WorkspaceSettings } from '../../lib/types';
import { TRACKING_POLICIES } from '../../lib/vocabulary';

type Policy = WorkspaceSettings['trackingPolicy'];

/**
 * The workspace's tracking policy (admins change it): a choice of four, the chosen one's meaning
 * under it, and the reminder that mail already sent keeps its own.
 */
export function TrackingPolicyField({
  value,
  onChange,
}: {
  readonly value: Policy;
  readonly onChange: (policy: Policy) => void;
}) {
  const { t } = useI18n();
  return (
    <FieldGroup legend={t.policy.legend} help={t.policy.keptNote}>
      <SelectField
        id="ws-tracking-policy"
        label={t.policy.label}
        hint={t.policy.help[value]}
        hintId="ws-tracking-policy-help"
        value={value}
        options={TRACKING_POLICIES.map((p) => [p, t.policy.options[p]] as const)}
        onChange={onChange}
      />
    </FieldGroup>
  );
}
