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
