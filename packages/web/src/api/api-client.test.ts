import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, dispositionFileName, request, toApiError } from './api-client.ts';

describe('dispositionFileName', () => {
  it('reads the exact UTF-8 name the server sends beside the ASCII fallback', () => {
    const header = `attachment; filename="2.zip"; filename*=UTF-8''${encodeURIComponent('绩效目标表-2张.zip')}`;
    expect(dispositionFileName(header)).toBe('绩效目标表-2张.zip');
  });

  it('falls back to the plain name, and to nothing without a header', () => {
    expect(dispositionFileName('attachment; filename="tables.zip"')).toBe('tables.zip');
    expect(dispositionFileName('attachment; filename="x.zip"; filename*=UTF-8\'\'%E0%A4%A')).toBe('x.zip');
    expect(dispositionFileName(null)).toBeNull();
  });
});

describe('toApiError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("keeps the server's problem as it is", () => {
    const failure = new ApiError(409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'table.version_conflict',
      zh: '冲突',
      en: 'Conflict',
    });
    expect(toApiError(failure)).toBe(failure);
  });

  it("reads the browsers' lost-connection TypeErrors as the unreachable server", () => {
    for (const text of [
      'Failed to fetch',
      'NetworkError when attempting to fetch resource.',
      'Load failed',
    ]) {
      const failure = toApiError(new TypeError(text));
      expect(failure.status).toBe(0);
      expect(failure.problem).toMatchObject({ code: 'network.unreachable', zh: '无法连接服务器' });
    }
  });

  it('gives any other exception a located problem with its message, and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError("Cannot destructure property 'assignment' of 'null'");
    const failure = toApiError(bug);
    expect(failure.problem).toMatchObject({
      code: 'client.unexpected',
      zh: "页面出错：Cannot destructure property 'assignment' of 'null'",
      en: "The page failed: Cannot destructure property 'assignment' of 'null'",
    });
    expect(log).toHaveBeenCalledWith(bug);
    expect(toApiError('text').problem.zh).toBe('页面出错：text');
  });

  it('request: an answer whose body is lost half-way is the unreachable server, not a bare TypeError', async () => {
    const body = new ReadableStream({ start: (controller) => controller.error(new TypeError('terminated')) });
    vi.stubGlobal('fetch', async () => new Response(body, { status: 200 }));
    const failure = await request('GET', '/api/tables').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem.code).toBe('network.unreachable');
  });
});
