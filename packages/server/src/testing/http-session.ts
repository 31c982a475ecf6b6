/**
 * A signed-in session against a running server, as the web UI holds one: the cookies it was given and
 * the CSRF token sent back on every write. For tests and scripts that talk to a real server over HTTP.
 */
export class HttpSession {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, form?: FormData): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), rest.join('='));
    }
    return response;
  }

  async signIn(username: string, password: string): Promise<void> {
    const me = (await (await this.request('GET', '/api/auth/me')).json()) as { csrfToken: string };
    this.csrf = me.csrfToken;
    const login = await this.request('POST', '/api/auth/login', { username, password });
    if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status} ${await login.text()}`);
    this.csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  }
}
