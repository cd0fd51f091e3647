export { messageChat, postSystemLine, type SystemLine } from './chat.js';
export { type LineFact, parseFact } from './facts.js';
export { fanOutEvents } from './fanout.js';
export {
  changesAfter,
  markOneNotificationRead,
  markRead,
  type NotificationPage,
  notificationPage,
} from './feed.js';
export { FOLD_WINDOW_MS } from './fold.js';
export {
  type FollowState,
  follow,
  followState,
  postNote,
  setOwnMute,
  unfollow,
} from './followers.js';
export {
  inProcessHub,
  type LiveHub,
  type NotificationListener,
  type RunningHub,
  startLiveHub,
} from './hub.js';
export { NOTIFY_QUEUE, notifyJobHandler, queueFanOut } from './notify-jobs.js';
export { queueRetell, RETELL_QUEUE, retellJobHandler } from './retell.js';
export * from './webhooks/index.js';
export { lineText } from './wording.js';
export { workspaceMessage } from './workspace-message.js';
