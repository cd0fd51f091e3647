import type { Dialect } from 'kysely';

/**
 * What differs between the database engines, asked by capability rather than by name, so the
 * rest of the store never branches on `engine === 'sqlite'`.
 */
export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  readonly dialect: Dialect;
  /** Runs after the connection opens and before migrations (pragmas, schema creation). */
  prepare(): Promise<void>;
}
