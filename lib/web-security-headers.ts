/**
 * The web app's Content-Security-Policy, one definition for the local gateway and CloudFront's response-headers
 * policy. Scripts, styles, workers and fonts come only from the app's own origin (Vite emits no inline script or
 * style); the API and WebSocket origins are the only other places the page may talk to.
 */
export function webContentSecurityPolicy(connect: { apiUrl: string; wsUrl: string }): string {
  // A regex, not `new URL`: in CDK the URLs are unresolved tokens, which stay intact inside the match.
  const origins = [...new Set([connect.apiUrl, connect.wsUrl].map((u) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(u)?.[0]).filter((o) => o !== undefined))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...origins].join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
