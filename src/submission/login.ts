import { userForApiKey } from '../accounts/index.js';
import { addressKey } from '../mail/index.js';
import type { Db } from '../store/index.js';

/**
 * What a submission session's AUTH proved: the user, and the API key they logged in with, kept
 * in a private field so that no log or inspection of the session shows it; each mail asks the
 * key again (submitMail), so a key revoked mid-session sends nothing more.
 */
export class SubmissionLogin {
  readonly userId: string;
  readonly #apiKey: string;

  constructor(userId: string, apiKey: string) {
    this.userId = userId;
    this.#apiKey = apiKey;
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  toJSON(): { userId: string } {
    return { userId: this.userId };
  }
}

/**
 * Checks an AUTH PLAIN/LOGIN (RFC 4954) username and password: the username is the user's
 * e-mail address (compared as addresses are, addressKey), the password one of their API keys
 * (`mb_…`, unrevoked, the user not removed). Undefined for anything else, whichever half is
 * wrong, so a refusal tells nothing about which accounts exist.
 */
export async function authenticate(
  db: Db,
  username: string,
  password: string,
): Promise<SubmissionLogin | undefined> {
  const user = await userForApiKey(db, password);
  if (!user) return undefined;
  const given = addressKey(username.trim());
  if (given === undefined || given !== addressKey(user.email)) return undefined;
  return new SubmissionLogin(user.id, password);
}
