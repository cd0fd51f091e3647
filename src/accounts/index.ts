export { createApiKey, listApiKeys, revokeKey, userForApiKey } from './api-keys.js';
export { inviteMail } from './invite-mail.js';
export {
  type CreatedInvite,
  createInvite,
  INVITE_TTL_MS,
  type InviteDetails,
  lookupInvite,
  pendingInvites,
  revokeInvite,
  signupWithInvite,
} from './invites.js';
export { removeMember } from './members.js';
export { changePassword, type PasswordChange } from './password-change.js';
export {
  type IssuedReset,
  issuePasswordReset,
  PASSWORD_RESET_TTL_MS,
  resetPassword,
} from './password-reset.js';
export {
  assertPasswordAllowed,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './password-rule.js';
export { hashNewPassword } from './passwords.js';
export { type AccountMail, resetLink, resetMail } from './reset-mail.js';
export {
  checkCredentials,
  closeSession,
  type OpenedSession,
  openSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  userForSession,
} from './sessions.js';
export {
  createUserInWorkspace,
  type Membership,
  type NewAccount,
  signupFirstUser,
} from './users.js';
