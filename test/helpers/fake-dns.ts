/** A resolver for tests that must not reach DNS at all: any question fails the test. */
export const noDns = async (): Promise<string[]> => {
  throw new Error('DNS must not be asked');
};

/** A resolver that answers every name with `addresses`. */
export const resolvesTo =
  (...addresses: string[]) =>
  async (): Promise<string[]> =>
    addresses;
