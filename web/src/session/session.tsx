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
import { get, patch, post } from '../lib/api';
import type { Language, Membership } from '../lib/types';

interface Session {
  /** undefined while the first check runs; null when logged out. */
  readonly membership: Membership | null | undefined;
  login(email: string, password: string): Promise<void>;
  signup(input: {
    email: string;
    password: string;
    name: string;
    workspace?: string;
    invite?: string;
  }): Promise<void>;
  logout(): Promise<void>;
  update(changes: { name?: string; language?: Language }): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { language, setLanguage } = useI18n();
  const [membership, setMembership] = useState<Membership | null | undefined>(undefined);

  useEffect(() => {
    // Any failure shows the login page: a 401 means logged out, and with the server away the
    // login form says so when it is used.
    get<Membership>('/api/v1/auth/me')
      .then(setMembership)
      .catch(() => setMembership(null));
  }, []);

  const update = useCallback(async (changes: { name?: string; language?: Language }) => {
    setMembership(await patch<Membership>('/api/v1/auth/me', changes));
  }, []);

  const value = useMemo<Session>(
    () => ({
      membership,
      login: async (email, password) => {
        setMembership(await post<Membership>('/api/v1/auth/login', { email, password }));
      },
      signup: async (input) => {
        const created = await post<Membership>('/api/v1/auth/signup', input);
        // Notifications and the mail's download page speak the user's language: start with the
        // one the app is shown in.
        setMembership(
          created.user.language === language
            ? created
            : await patch<Membership>('/api/v1/auth/me', { language }),
        );
      },
      logout: async () => {
        await post('/api/v1/auth/logout').catch(() => undefined);
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
