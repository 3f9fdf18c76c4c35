/**
 * Domain errors with stable codes. The GraphQL and HTTP layers map these codes to
 * responses; anything that is not a DomainError is masked as "Unexpected error.".
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'SEQUENCE_NOT_REACHED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value supplied by the caller is invalid. `field` names the argument or input field. */
export class InputError extends DomainError {
  constructor(
    message: string,
    readonly field: string,
    details: Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message, { field, ...details });
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid API key is required.') {
    super('UNAUTHENTICATED', message);
  }
}

/**
 * The configuration is invalid: an environment variable, or a file one names. A start-up
 * error, not a DomainError: it never reaches a client; the CLI prints each problem on a line
 * of its own and exits non-zero. A problem names the variable (or file) and what is expected.
 */
export class ConfigError extends Error {
  /** One line each, never a secret. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.name = new.target.name;
    this.problems = list;
  }
}

/** A request asked for a feed sequence this process did not reach in time (retry later). */
export class SequenceNotReachedError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SEQUENCE_NOT_REACHED', message, details);
  }
}
