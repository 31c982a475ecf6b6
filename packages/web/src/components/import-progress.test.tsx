import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { loadAllMessages } from '../i18n/testing/all-messages.ts';
import { ImportProgress } from './import-progress.tsx';

function render(progress: { sent: number; total: number } | null, secondsAgo = 0): string {
  return renderToStaticMarkup(
    <I18nProvider>
      <ImportProgress
        fileName="目标表.pdf"
        progress={progress}
        startedAt={Date.now() - secondsAgo * 1000}
        onCancel={() => undefined}
      />
    </I18nProvider>,
  );
}

describe('ImportProgress', () => {
  beforeAll(loadAllMessages);

  it('shows the share of the file sent while it uploads', () => {
    const html = render({ sent: 3 * 1024 * 1024, total: 4 * 1024 * 1024 });
    expect(html).toContain('正在上传“目标表.pdf”：75%');
    expect(html).toContain('data-testid="import-cancel"');
  });

  it('shows a running bar without a percentage once the server reads the file', () => {
    const html = render({ sent: 100, total: 100 });
    expect(html).toMatch(/正在读取“目标表.pdf”，已用 0 秒/);
    expect(html).toContain('ant-progress-status-active');
    expect(html).not.toContain('ant-progress-text');
  });
});
