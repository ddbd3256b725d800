import http from 'node:http';

/** One answer: status, parsed JSON body (or null), and the wall time it took. */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly ms: number;
}

/**
 * A minimal JSON client over one keep-alive connection (node:http, no extra dependency): the
 * bench's load generator. Each bench client owns one of these, so 32 clients are 32 persistent
 * TCP connections to 127.0.0.1, like 32 browsers or kiosks each waiting for its answer.
 */
export class JsonClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly port: number,
    private token?: string,
  ) {}

  withToken(token: string): JsonClient {
    this.token = token;
    return this;
  }

  request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    const started = performance.now();
    return new Promise<Answer<T>>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text.length > 0 ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  get<T = unknown>(path: string): Promise<Answer<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown): Promise<Answer<T>> {
    return this.request<T>('POST', path, body);
  }

  /** POST that must answer `status`, or throws with what came back. */
  async expect<T = unknown>(status: number, path: string, body: unknown): Promise<T> {
    const answer = await this.post<T>(path, body);
    if (answer.status !== status) throw new Error(`POST ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
