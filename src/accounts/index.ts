export { createApiKey, listApiKeys, revokeKey, userForApiKey } from './api-keys.js';
export { type CreatedInvite, createInvite, INVITE_TTL_MS, signupWithInvite } from './invites.js';
export { removeMember } from './members.js';
export {
  assertPasswordAllowed,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './password-rule.js';
export { hashNewPassword } from './passwords.js';
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
