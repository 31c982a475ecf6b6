import type { ImportCandidate } from '@jixiao/core/tables/table-record.schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { ImportTableChoice } from './import-table-choice.tsx';

const candidate = (n: number): ImportCandidate => ({
  tableId: `00000000-0000-4000-8000-00000000000${n}`,
  name: `项目${n}`,
  unit: '某区教育局',
  year: 2024,
  status: 'approved',
});

const render = (props: Partial<Parameters<typeof ImportTableChoice>[0]>) =>
  renderToStaticMarkup(
    <I18nProvider>
      <ImportTableChoice
        matched={undefined}
        candidates={[candidate(1), candidate(2)]}
        tableId={null}
        onTable={() => {}}
        testId="monitoring"
        minWidth={320}
        {...props}
      />
    </I18nProvider>,
  );

describe('ImportTableChoice', () => {
  it('names the matched table with its unit and year, offering no choice', () => {
    const html = render({ matched: candidate(2) });
    expect(html).toContain('data-testid="monitoring-matched"');
    expect(html).toContain('项目2');
    expect(html).toContain('某区教育局 · 2024');
    expect(html).not.toContain('monitoring-table-select');
  });

  it('offers a choice among the candidates without a match, disabled when asked', () => {
    expect(render({})).toContain('data-testid="monitoring-table-select"');
    expect(render({})).not.toContain('monitoring-matched');
    expect(render({ disabled: true })).toMatch(/ant-select-disabled/);
    expect(render({})).not.toMatch(/ant-select-disabled/);
  });
});
