import { type FormEvent, useState } from 'react';
import { ErrorText, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { post } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import type { Member, Role } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { CopyField } from './copy-field';

export function MembersSettings() {
  const { t, language, errorText } = useI18n();
  const { user } = useMembership();
  const members = useResource<{ members: Member[] }>('/api/v1/workspace/members');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invite, setInvite] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState('');
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      setInvite(await post<{ url: string; expiresAt: string }>('/api/v1/invites', { email, role }));
      setEmail('');
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div className="stack">
      <p>{t.settings.membersIntro}</p>
      {!members.data && !members.error && <Loading label={t.common.loading} />}
      {members.error !== undefined && <p className="muted">{t.settings.unavailable}</p>}
      {members.data && (
        <ul className="rows">
          {members.data.members.map((m) => (
            <li key={m.id}>
              <span className="strong">
                {m.name}
                {m.id === user.id && ` (${t.settings.you})`}
              </span>
              <span className="muted">{m.email}</span>
              <span className="chip chip-muted">{t.settings.role[m.role]}</span>
              <span className="muted small">
                {t.settings.joined(formatDate(m.createdAt, language))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {user.role === 'admin' ? (
        <form onSubmit={create} className="stack">
          <h3>{t.settings.invite}</h3>
          <div className="inline-form">
            <div className="field">
              <label htmlFor="invite-email">{t.settings.inviteEmail}</label>
              <input
                id="invite-email"
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="invite-role">{t.settings.roleLabel}</label>
              <select
                id="invite-role"
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                <option value="member">{t.settings.role.member}</option>
                <option value="admin">{t.settings.role.admin}</option>
              </select>
            </div>
            <button type="submit">{t.settings.inviteCreate}</button>
          </div>
          {invite && (
            <CopyField
              label={t.settings.inviteCreated(formatDateTime(invite.expiresAt, language))}
              value={invite.url}
            />
          )}
        </form>
      ) : (
        <p className="notice">{t.settings.adminOnly}</p>
      )}
      <ErrorText>{error}</ErrorText>
    </div>
  );
}
