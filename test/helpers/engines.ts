/**
 * The database engines a test runs on: SQLite always, PostgreSQL whenever TEST_DATABASE_URL is
 * set. In CI the PostgreSQL suite is mandatory, so its absence is a failure, not a skip.
 */
export type EngineName = 'sqlite' | 'postgres';

export function testEngines(): EngineName[] {
  const only = process.env.DIALECTS?.split(',').map((s) => s.trim());
  const engines: EngineName[] = ['sqlite'];
  if (process.env.TEST_DATABASE_URL) engines.push('postgres');
  else if (process.env.CI === 'true') {
    throw new Error(
      'CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run in CI',
    );
  }
  return only ? engines.filter((e) => only.includes(e)) : engines;
}
