import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useI18n } from '../i18n/i18n';
import { type BodyOf, call } from '../lib/api';
import type { Membership } from '../lib/types';

type ProfileChanges = BodyOf<'PATCH /api/v1/auth/me'>;

interface Session {
  /** undefined while the first check runs; null when logged out. */
  readonly membership: Membership | null | undefined;
  login(email: string, password: string): Promise<void>;
  signup(input: BodyOf<'POST /api/v1/auth/signup'>): Promise<void>;
  logout(): Promise<void>;
  update(changes: ProfileChanges): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { language, setLanguage, followProfile } = useI18n();
  const [membership, setMembership] = useState<Membership | null | undefined>(undefined);
  const profileLanguage =
    membership === undefined ? undefined : membership ? membership.user.language : null;

  // Logged in, the interface speaks the profile's language (the one notifications and chat
  // lines are worded in), over the browser's; logged out, the browser's or the selector's.
  useEffect(() => {
    if (profileLanguage === undefined) return;
    followProfile(profileLanguage ?? undefined);
  }, [profileLanguage, followProfile]);

  useEffect(() => {
    // Any failure shows the login page: a 401 means logged out, and with the server away the
    // login form says so when it is used.
    call('GET /api/v1/auth/me')
      .then(setMembership)
      .catch(() => setMembership(null));
  }, []);

  const update = useCallback(async (changes: ProfileChanges) => {
    setMembership(await call('PATCH /api/v1/auth/me', { body: changes }));
  }, []);

  const value = useMemo<Session>(
    () => ({
      membership,
      login: async (email, password) => {
        setMembership(await call('POST /api/v1/auth/login', { body: { email, password } }));
      },
      signup: async (input) => {
        const created = await call('POST /api/v1/auth/signup', { body: input });
        // Notifications and the mail's download page speak the user's language: start with the
        // one the app is shown in.
        setMembership(
          created.user.language === language
            ? created
            : await call('PATCH /api/v1/auth/me', { body: { language } }),
        );
      },
      logout: async () => {
        await call('POST /api/v1/auth/logout').catch(() => undefined);
        setMembership(null);
      },
      update: async (changes) => {
        if (changes.language) setLanguage(changes.language);
        await update(changes);
      },
    }),
    [membership, language, setLanguage, update],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in membership; only for pages shown behind the login. */
export function useMembership(): Membership {
  const { membership } = useSession();
  if (!membership) throw new Error('useMembership while logged out');
  return membership;
}
