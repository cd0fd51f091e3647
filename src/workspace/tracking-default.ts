import type { UserRow } from '../store/index.js';
import type { WorkspaceSettings } from './settings.js';

/** What decides a user's tracking default: their own choice, and their workspace's setting. */
export type TrackingDefaultUser = Pick<UserRow, 'workspaceId' | 'trackingDefault'>;

/**
 * The tracking default in force for a user: their own choice (`users.trackingDefault`, 1 on or
 * 0 off) when they made one, else the workspace's `trackingDefault` setting. Pure: for callers
 * that hold the settings already.
 */
export function resolveTrackingDefault(
  user: Pick<UserRow, 'trackingDefault'>,
  settings: Pick<WorkspaceSettings, 'trackingDefault'>,
): boolean {
  return user.trackingDefault === null ? settings.trackingDefault : user.trackingDefault === 1;
}
