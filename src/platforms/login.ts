/** Why a platform refused a login code: a bad code is the user's to retry, the rest is ours. */
export class LoginExchangeError extends Error {
  constructor(
    readonly reason: 'code-invalid' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'LoginExchangeError';
  }
}

/** The platform's name for a person: tried against platform_identities in this order. */
export interface PlatformPerson {
  ids: { kind: 'open_id' | 'union_id' | 'user_id' | 'userId' | 'unionId'; value: string }[];
}

/**
 * How a person signs in to the H5 pages from a platform. 'code': the page gets a one-time code from
 * the platform's JSSDK (with the public identifiers in `publicOptions`) and the server exchanges it;
 * 'dev': the sandbox's picker, any active person (only when the sandbox is on).
 */
export type LoginProvider =
  | {
      kind: 'code';
      /** Public identifiers only (app id, corp id): the login page reads them unauthenticated. */
      publicOptions: Record<string, string | null>;
      /** Throws LoginExchangeError when the platform refuses the code or cannot be reached. */
      exchange(code: string): Promise<PlatformPerson>;
    }
  | { kind: 'dev' };
