import { Type } from 'typebox';

const Instant = (what: string) =>
  Type.Optional(
    Type.String({
      maxLength: 40,
      description: `${what}: a day (\`2026-11-30\`, from its start in UTC) or an ISO 8601 instant`,
    }),
  );

export const EventsCsvQuery = Type.Object({
  from: Instant('Events at or after this'),
  to: Instant('Events before this'),
});
