import { randomBytes } from 'node:crypto';
import {
  type Db,
  insertUser,
  insertWorkspace,
  newId,
  type Role,
  type UserRow,
} from '../src/store/index.js';
import { HttpClient } from './helpers/http-client.js';

let counter = 0;

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  workspace?: string;
  invite?: string;
}

export function buildSignup(overrides: Partial<SignupInput> = {}): SignupInput {
  counter += 1;
  const tag = `${counter}${randomBytes(3).toString('hex')}`;
  return {
    email: `user${tag}@example.com`,
    password: `pw-${tag}-long-enough`,
    name: `User ${tag}`,
    workspace: `Workspace ${tag}`,
    ...overrides,
  };
}

/** Signs up the first user (the workspace admin) and returns a logged-in client. */
export async function signupAdmin(baseUrl: string, overrides: Partial<SignupInput> = {}) {
  const client = new HttpClient(baseUrl);
  const input = buildSignup(overrides);
  const reply = await client.post('/api/v1/auth/signup', input);
  if (reply.status !== 201) throw new Error(`signup failed: ${reply.status} ${reply.text}`);
  return { client, input, user: reply.body.user, workspace: reply.body.workspace };
}

/** Invites a colleague through the admin's client and signs them up; returns their client. */
export async function signupMember(admin: HttpClient, role: 'admin' | 'member' = 'member') {
  const input = buildSignup({ workspace: undefined });
  const invite = await admin.post('/api/v1/invites', { email: input.email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
  const client = new HttpClient(admin.baseUrl);
  const reply = await client.post('/api/v1/auth/signup', { ...input, invite: invite.body.token });
  if (reply.status !== 201) throw new Error(`member signup failed: ${reply.status} ${reply.text}`);
  return { client, input, user: reply.body.user };
}

/** Uploads a file as multipart/form-data, like a browser's file picker would. */
export async function uploadAttachment(
  client: HttpClient,
  filename: string,
  content: Buffer | string,
  contentType = 'application/pdf',
) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: contentType }), filename);
  const response = await fetch(new URL('/api/v1/attachments', client.baseUrl), {
    method: 'POST',
    body: form,
    headers: client.cookie
      ? { cookie: client.cookie }
      : { authorization: `Bearer ${client.apiKey}` },
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * A new workspace with one user in it, written straight into the store: for tests below the HTTP
 * layer that need an owner for their rows. The password hash is a placeholder (no login).
 */
export async function insertTestUser(
  db: Db,
  overrides: { email?: string; role?: Role } = {},
): Promise<UserRow> {
  counter += 1;
  const tag = `${counter}${randomBytes(3).toString('hex')}`;
  const workspace = await insertWorkspace(db, {
    id: newId(),
    name: `Workspace ${tag}`,
    createdAt: Date.now(),
  });
  return insertUser(db, {
    id: newId(),
    workspaceId: workspace.id,
    email: overrides.email ?? `user${tag}@example.com`,
    name: `User ${tag}`,
    passwordHash: 'x',
    role: overrides.role ?? 'member',
    createdAt: Date.now(),
  });
}
