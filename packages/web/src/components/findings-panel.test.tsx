import type { Finding } from '@jixiao/core/review/finding.schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import { loadAllMessages } from '../i18n/testing/all-messages.ts';
import { FindingsPanel, groupFindings } from './findings-panel.tsx';

const findings: Finding[] = [
  {
    ruleId: 'SH2020-Q02',
    severity: 'warning',
    zh: '指标名称中含有数值：请移到目标值中。',
    en: 'The name contains a number: move it into the target.',
    path: 'indicators.12.name',
    indicatorIndex: 12,
  },
  {
    ruleId: 'SH2020-Q01',
    severity: 'error',
    zh: '比率类指标的目标值是定性的：请填写百分比。',
    en: 'A rate has a qualitative target: give a percentage.',
    path: 'indicators.8.target',
    indicatorIndex: 8,
  },
  {
    ruleId: 'SH2020-C00',
    severity: 'hint',
    zh: '来源文档不完整：请导入完整文档。',
    en: 'The source was cut off: import it whole.',
  },
];

describe('FindingsPanel', () => {
  beforeAll(loadAllMessages);

  it('groups findings by severity, errors first', () => {
    expect(groupFindings(findings).map((g) => [g.severity, g.items.map((f) => f.ruleId)])).toEqual([
      ['error', ['SH2020-Q01']],
      ['warning', ['SH2020-Q02']],
      ['hint', ['SH2020-C00']],
    ]);
    expect(groupFindings([])).toEqual([]);
  });

  it('renders each group with its count, the rule ids, the Chinese text and the clickable places', () => {
    const html = renderToStaticMarkup(
      <I18nProvider>
        <FindingsPanel findings={findings} onSelect={() => undefined} />
      </I18nProvider>,
    );
    expect(html.indexOf('错误（1）')).toBeGreaterThan(-1);
    expect(html.indexOf('错误（1）')).toBeLessThan(html.indexOf('警告（1）'));
    expect(html.indexOf('警告（1）')).toBeLessThan(html.indexOf('提示（1）'));
    expect(html).toContain('比率类指标的目标值是定性的：请填写百分比。');
    expect(html).toContain('data-path="indicators.8.target"');
    expect(html).toContain('data-rule="SH2020-C00"');
    // A finding without a place is not a link.
    expect(html.match(/定位到该处/g)).toHaveLength(2);
  });

  it('says when there is nothing to report', () => {
    const html = renderToStaticMarkup(
      <I18nProvider>
        <FindingsPanel findings={[]} />
      </I18nProvider>,
    );
    expect(html).toContain('未发现问题');
  });
});
