import { type LayoutLocale, type OfficialLayout, officialLayout } from '@jixiao/core/export/official-layout';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A table laid out as the official form, in a language the reader picks, with the tab titled
 * "<name> · <form title>" once the table is there. The form speaks the interface's language (the official
 * one is Chinese) until the reader picks the other one for the form alone; switching the interface
 * language again brings the form along, so the sheet and its downloads never stay in a language the
 * reader left.
 */
export function useOfficialForm(table: PerformanceTable | null, name: string | null) {
  const { locale } = useI18n();
  // The form's own choice, forgotten when the interface language changes (adjusted while rendering, so
  // no frame shows the old choice under the new interface).
  const [chosen, setFormLocale] = useState<LayoutLocale | null>(null);
  const [under, setUnder] = useState(locale);
  if (under !== locale) {
    setUnder(locale);
    setFormLocale(null);
  }
  const formLocale: LayoutLocale = (under === locale ? chosen : null) ?? locale;
  const layout: OfficialLayout | null = useMemo(
    () => (table ? officialLayout(table, formLocale) : null),
    [table, formLocale],
  );
  useEffect(() => {
    if (name !== null && layout) document.title = `${name} · ${layout.title}`;
  }, [name, layout]);
  return { layout, formLocale, setFormLocale };
}
