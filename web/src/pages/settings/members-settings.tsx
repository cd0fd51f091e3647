import { type FormEvent, useState } from 'react';
import { ErrorText, Loading } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import { call, type ReplyOf, request } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import type { Member, Role } from '../../lib/types';
import { type Action, useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { useMembership } from '../../session/session';
import { CopyField } from './copy-field';
import { RemoveButton } from './rows';

export function MembersSettings() {
  const { t } = useI18n();
  const { user } = useMembership();
  const members = useResource(request('GET /api/v1/workspace/members'));
  const action = useAction();
  return (
    <div className="stack">
      <p>{t.settings.membersIntro}</p>
      {!members.data && !members.error && <Loading label={t.common.loading} />}
      {members.error !== undefined && <p className="muted">{t.settings.unavailable}</p>}
      {members.data && (
        <MemberList
          members={members.data.members}
          onRemove={
            user.role === 'admin'
              ? (member) =>
                  action.run(async () => {
                    // Removing someone ends their sessions and keys: asked once more.
                    if (!window.confirm(t.settings.memberRemoveConfirm(member.name))) return;
                    await call('DELETE /api/v1/workspace/members/:id', {
                      params: { id: member.id },
                    });
                    await members.reload();
                  })
              : undefined
          }
        />
      )}
      {user.role === 'admin' ? (
        <Invites run={action.run} />
      ) : (
        <p className="notice">{t.settings.adminOnly}</p>
      )}
      <ErrorText>{action.error}</ErrorText>
    </div>
  );
}

function MemberList({
  members,
  onRemove,
}: {
  members: Member[];
  /** Admins only: removes a colleague (never oneself). */
  onRemove?: (member: Member) => void;
}) {
  const { t, language } = useI18n();
  const { user } = useMembership();
  return (
    <ul className="rows">
      {members.map((m) => (
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
          {onRemove && m.id !== user.id && (
            <RemoveButton label={t.settings.memberRemove(m.name)} onClick={() => onRemove(m)} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Admins: invite by mail, see who has not signed up yet, withdraw an invitation. */
function Invites({ run }: { run: Action['run'] }) {
  const { t } = useI18n();
  const pending = useResource(request('GET /api/v1/invites'));
  return (
    <>
      <InviteForm run={run} onInvited={() => void pending.reload()} />
      <section className="stack" aria-labelledby="pending-invites-title">
        <h3 id="pending-invites-title">{t.settings.pendingInvites}</h3>
        {pending.data?.invites.length === 0 && (
          <p className="muted">{t.settings.noPendingInvites}</p>
        )}
        {pending.data && pending.data.invites.length > 0 && (
          <PendingInviteList
            invites={pending.data.invites}
            onWithdraw={(invite) =>
              run(async () => {
                await call('DELETE /api/v1/invites/:id', { params: { id: invite.id } });
                await pending.reload();
              })
            }
          />
        )}
      </section>
    </>
  );
}

type PendingInvite = ReplyOf<'GET /api/v1/invites'>['invites'][number];

function PendingInviteList({
  invites,
  onWithdraw,
}: {
  invites: PendingInvite[];
  onWithdraw: (invite: PendingInvite) => void;
}) {
  const { t, language } = useI18n();
  return (
    <ul className="rows">
      {invites.map((invite) => (
        <li key={invite.id}>
          <span className="strong">{invite.email}</span>
          <span className="chip chip-muted">{t.settings.role[invite.role]}</span>
          <span className="muted small">
            {t.settings.invitedBy(
              invite.invitedBy.name,
              formatDateTime(invite.expiresAt, language),
            )}
          </span>
          <RemoveButton
            label={t.settings.inviteWithdraw(invite.email)}
            onClick={() => onWithdraw(invite)}
          />
        </li>
      ))}
    </ul>
  );
}

interface SentInvite {
  readonly email: string;
  readonly url: string;
  readonly expiresAt: string;
  readonly mailed: boolean;
  readonly mailError?: string;
}

function InviteForm({ run, onInvited }: { run: Action['run']; onInvited: () => void }) {
  const { t, language } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invite, setInvite] = useState<SentInvite | null>(null);
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const sent = await call('POST /api/v1/invites', { body: { email, role } });
      setInvite({ ...sent, email });
      setEmail('');
      onInvited();
    });
  };
  return (
    <form onSubmit={create} className="stack">
      <h3>{t.settings.invite}</h3>
      <div className="inline-form">
        <TextField
          id="invite-email"
          label={t.settings.inviteEmail}
          type="email"
          required
          value={email}
          onChange={setEmail}
        />
        <SelectField
          id="invite-role"
          label={t.settings.roleLabel}
          value={role}
          options={[
            ['member', t.settings.role.member],
            ['admin', t.settings.role.admin],
          ]}
          onChange={setRole}
        />
        <button type="submit">{t.settings.inviteCreate}</button>
      </div>
      {invite && (
        <div className="stack" role="status">
          <p className={invite.mailed ? 'ok' : 'bad'}>
            {invite.mailed
              ? t.settings.inviteMailed(invite.email)
              : t.settings.inviteNotMailed(invite.email, invite.mailError ?? '')}
          </p>
          <CopyField
            label={t.settings.inviteCreated(formatDateTime(invite.expiresAt, language))}
            value={invite.url}
          />
        </div>
      )}
    </form>
  );
}
