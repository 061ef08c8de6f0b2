import { useEffect, useState } from 'preact/hooks';

/** Hash routes: they need no rewrite rule on S3/CloudFront and survive the OAuth round trip as a plain string. */
export interface Route {
  path: string;
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const [path = '/', query = ''] = (location.hash.replace(/^#/, '') || '/').split('?');
  return { path, query: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const go = (hash: string) => {
  location.hash = hash;
};

/** Where the fan is now, to come back to after signing in. */
export const here = () => location.hash || '#/';

export const signInHref = (returnTo = here()) => `#/sign-in?return=${encodeURIComponent(returnTo)}`;
