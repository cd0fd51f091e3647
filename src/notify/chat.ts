import {
  type ChatLineKind,
  type ChatLineWithAuthor,
  type Db,
  insertChatLine,
  listChatLines,
  newId,
} from '../store/index.js';
import { factJson, type LineFact } from './facts.js';
import { workspaceMessage } from './workspace-message.js';

export interface SystemLine {
  readonly messageId: string;
  readonly workspaceId: string;
  readonly kind: Exclude<ChatLineKind, 'note'>;
  /** What happened: worded when read, in each reader's language (lineText). */
  readonly fact: LineFact;
  /** The facts behind the line (recipient, SMTP reply, …), for clients that render their own. */
  readonly data?: Record<string, unknown>;
}

/**
 * Posts a line in a message's chat with `system` as its author, or the user who acted. Its
 * words are not stored: the line keeps its facts, and each reader reads them in their language.
 */
export async function postSystemLine(
  db: Db,
  line: SystemLine,
  authorId: string | null = null,
): Promise<void> {
  const at = Date.now();
  await insertChatLine(db, {
    id: newId(at),
    messageId: line.messageId,
    workspaceId: line.workspaceId,
    at,
    authorId,
    kind: line.kind,
    text: '',
    fact: factJson(line.fact),
    data: line.data ? JSON.stringify(line.data) : null,
  });
}

/** A message's chat, oldest first; 404 when the message is not the workspace's. */
export async function messageChat(
  db: Db,
  workspaceId: string,
  messageId: string,
): Promise<ChatLineWithAuthor[]> {
  await workspaceMessage(db, workspaceId, messageId);
  return listChatLines(db, messageId);
}
