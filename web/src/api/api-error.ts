/** An API error answer (api.md: `{error:{code,message,details},requestId}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const parsed = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, parsed?.error?.code ?? 'UNKNOWN', parsed?.error?.message ?? `HTTP ${response.status}`, parsed?.error?.details, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}
