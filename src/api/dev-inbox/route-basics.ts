import type { FastifyRequest } from 'fastify';
import { MailbeaconError } from '../../errors.js';
import { principalOf } from '../plugins/auth.js';

export const tags = ['dev inbox'];
// Caught mail holds live tracking links and whatever a workspace sent: only a logged-in user
// reads it, and only their own workspace's (issue 14, point 5).
export const config = { access: 'user' as const };

/** The workspace whose mail the caller may read. */
export const workspaceOf = (request: FastifyRequest): string =>
  principalOf(request).user.workspaceId;

export const notFound = () =>
  new MailbeaconError('MB_ERR_NOT_FOUND', 'No such mail in the dev inbox');
