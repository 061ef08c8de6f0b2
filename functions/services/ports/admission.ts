/**
 * Checks the waiting room's admission token (`X-Admission-Token`) for this user and concert.
 * Resolves when the caller is admitted; throws DomainError NOT_ADMITTED otherwise.
 */
export interface AdmissionGate {
  verify(token: string | undefined, userId: string, concertId: string): Promise<void>;
}
