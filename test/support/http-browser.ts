/**
 * Plays the customer's browser over plain HTTP for integration tests: keeps cookies, follows
 * redirects one at a time, and reads the forms on the bank's pages. (Playwright tests use Chromium.)
 */
export interface Page {
  status: number;
  url: string;
  location?: string | undefined;
  html: string;
}

export class HttpBrowser {
  private readonly cookies = new Map<string, string>();

  /** The Cookie header this browser would send, for requests made with another client (TLS). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<Page> {
    return this.request(url, { method: 'GET' });
  }

  async postForm(url: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item);
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /**
   * Follows redirects within the bank (`origin`, or a namespace's issuer) until a page is served or the browser is sent
   * elsewhere; a redirect to a client callback on the bank's own origin (the partners' demo
   * callback) also stops here, so the test can read what the client receives.
   */
  async follow(page: Page, origin: string): Promise<Page> {
    // `origin` may be a namespace's issuer (`…/ns/<name>`): its pages are on the bank's origin.
    const bankOrigin = new URL(origin).origin;
    let current = page;
    while (current.location) {
      const next = new URL(current.location, current.url);
      if (next.origin !== bankOrigin || next.pathname.endsWith('/qa/callback')) return current;
      current = await this.get(next.href);
    }
    return current;
  }

  private async request(url: string, init: RequestInit): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', this.cookieHeader());
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1).trim());
    }
    const location = res.headers.get('location') ?? undefined;
    return {
      status: res.status,
      url,
      location: location && new URL(location, url).href,
      html: await res.text(),
    };
  }
}

/** The value of a hidden or text input on a page. */
export function inputValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no input named ${name} on the page`);
  return match[1]!;
}

/** The action of the first form whose action contains `fragment`. */
export function formAction(html: string, fragment: string): string {
  const match = new RegExp(`action="([^"]*${fragment}[^"]*)"`).exec(html);
  if (!match) throw new Error(`no form posting to ${fragment} on the page`);
  return match[1]!.replace(/&amp;/g, '&');
}
