import { type LayoutLocale, type OfficialLayout, officialLayout } from '@jixiao/core/export/official-layout';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A table laid out as the official form, in a language the reader picks (the UI's at first; the
 * official one is Chinese), with the tab titled "<name> · <form title>" once the table is there.
 */
export function useOfficialForm(table: PerformanceTable | null, name: string | null) {
  const { locale } = useI18n();
  const [formLocale, setFormLocale] = useState<LayoutLocale>(locale);
  const layout: OfficialLayout | null = useMemo(
    () => (table ? officialLayout(table, formLocale) : null),
    [table, formLocale],
  );
  useEffect(() => {
    if (name !== null && layout) document.title = `${name} · ${layout.title}`;
  }, [name, layout]);
  return { layout, formLocale, setFormLocale };
}
