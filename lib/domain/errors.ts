// Business errors carry a kind; REST handlers, server actions and the CLI map the kind to a
// status or exit code in one place each, so a client mistake never becomes a 500.
export type DomainErrorKind = "invalid" | "not_found" | "conflict" | "forbidden" | "unauthorized" | "too_many" | "too_large" | "unavailable" | "no_space";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const HTTP_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many: 429,
  unavailable: 503,
  no_space: 507, // Insufficient Storage: the disk is full; retry once space is freed
};
