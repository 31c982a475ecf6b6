import type {
  DuplicateAction,
  DuplicateChoice,
  DuplicateFound,
} from '@jixiao/core/tables/table-record.schema';
import { Alert, List, Modal, Radio, Space, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const actions: { action: DuplicateAction; label: MessageKey; hint: MessageKey }[] = [
  { action: 'new-version', label: 'duplicates.newVersion', hint: 'duplicates.newVersionHint' },
  { action: 'replace-draft', label: 'duplicates.replaceDraft', hint: 'duplicates.replaceDraftHint' },
  { action: 'skip', label: 'duplicates.skip', hint: 'duplicates.skipHint' },
  { action: 'create-anyway', label: 'duplicates.createAnyway', hint: 'duplicates.createAnywayHint' },
];

/** Which choices fit a duplicate: a new version of an editable table, replacing a draft, always the rest. */
function allowed(found: DuplicateFound, action: DuplicateAction): boolean {
  const latest = found.existing[0];
  if (action === 'new-version') return latest?.status === 'draft' || latest?.status === 'returned';
  if (action === 'replace-draft') return latest?.status === 'draft';
  return true;
}

/** What to preselect: a new version of an editable table (keeps history), else skip. */
function proposed(found: DuplicateFound): DuplicateAction {
  return allowed(found, 'new-version') ? 'new-version' : 'skip';
}

/**
 * The 409 `table.duplicate` of an import as a dialog: each table whose project and year the unit already
 * has, the stored table, and a choice per table (新版本 / 替换草稿 / 跳过 / 仍然新建) sent back on confirm.
 */
export function ImportDuplicatesDialog(props: {
  duplicates: DuplicateFound[] | null;
  confirming: boolean;
  onConfirm: (choices: DuplicateChoice[]) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { duplicates } = props;
  const [choices, setChoices] = useState<Record<number, DuplicateAction>>({});
  useEffect(() => {
    setChoices(Object.fromEntries((duplicates ?? []).map((found) => [found.index, proposed(found)])));
  }, [duplicates]);

  return (
    <Modal
      open={duplicates !== null}
      title={t('duplicates.title')}
      okText={t('duplicates.ok')}
      okButtonProps={{ 'data-testid': 'duplicates-ok' }}
      confirmLoading={props.confirming}
      onOk={() =>
        props.onConfirm(
          (duplicates ?? []).map((found) => ({
            index: found.index,
            action: choices[found.index] ?? proposed(found),
            tableId: found.existing[0]?.tableId,
          })),
        )
      }
      onCancel={props.onCancel}
      width={720}
      destroyOnHidden
    >
      <div data-testid="import-duplicates">
        <Alert type="warning" showIcon message={t('duplicates.intro', { n: duplicates?.length ?? 0 })} />
        <List
          dataSource={duplicates ?? []}
          renderItem={(found) => {
            const latest = found.existing[0];
            return (
              <List.Item data-testid={`duplicate-${found.index}`}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <strong>
                    {found.name}（{found.year}）
                  </strong>
                  {latest && (
                    <span className="muted">
                      {t('duplicates.existing', {
                        name: latest.name,
                        year: latest.year,
                        status: t(`status.${latest.status}`),
                        version: latest.version,
                      })}
                    </span>
                  )}
                  <Radio.Group
                    value={choices[found.index] ?? proposed(found)}
                    onChange={(event) =>
                      setChoices((current) => ({ ...current, [found.index]: event.target.value }))
                    }
                  >
                    {actions.map(({ action, label, hint }) => (
                      <Tooltip key={action} title={t(hint)}>
                        <Radio value={action} disabled={!allowed(found, action)}>
                          {t(label)}
                        </Radio>
                      </Tooltip>
                    ))}
                  </Radio.Group>
                </Space>
              </List.Item>
            );
          }}
        />
      </div>
    </Modal>
  );
}
