import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SelfEvaluationMatch } from '../api/recheck.api.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { loadAllMessages } from '../i18n/testing/all-messages.ts';
import { SelfEvaluationTarget } from './import-self-evaluation-form.tsx';

const match: SelfEvaluationMatch = {
  tableId: null,
  candidates: [],
  schemeId: 'local-execution-20',
  schemes: [
    { id: 'national-2020', name: { zh: '全国', en: 'National' }, executionWeight: 10 },
    { id: 'local-execution-20', name: { zh: '地方', en: 'Local' }, executionWeight: 20 },
  ],
};

function render(schemeId: string, printedExecutionWeight: number | null): string {
  return renderToStaticMarkup(
    <I18nProvider>
      <SelfEvaluationTarget
        match={match}
        tableId={null}
        schemeId={schemeId}
        printedExecutionWeight={printedExecutionWeight}
        onTable={() => undefined}
        onScheme={() => undefined}
      />
    </I18nProvider>,
  );
}

describe('SelfEvaluationTarget', () => {
  beforeAll(loadAllMessages);

  it('shows the printed budget-execution weight beside the scheme that gives it', () => {
    const html = render('local-execution-20', 20);
    expect(html).toContain('表上预算执行分值 20 分');
    expect(html).not.toContain('data-testid="self-evaluation-execution-mismatch"');
  });

  it('warns before confirming when the chosen scheme gives execution other points than the form', () => {
    const html = render('national-2020', 20);
    expect(html).toContain('data-testid="self-evaluation-execution-mismatch"');
    expect(html).toContain('表上预算执行分值 20 分，所选评分办法为 10 分');
  });

  it('says nothing of execution when the form prints no weight for it', () => {
    const html = render('national-2020', null);
    expect(html).not.toContain('self-evaluation-printed-execution');
    expect(html).not.toContain('self-evaluation-execution-mismatch');
  });
});
