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
  // The form's own choice, and the interface language it was made under.
  const [chosen, setChosen] = useState<{ under: LayoutLocale; form: LayoutLocale } | null>(null);
  const formLocale: LayoutLocale = chosen !== null && chosen.under === locale ? chosen.form : locale;
  const setFormLocale = (form: LayoutLocale) => setChosen({ under: locale, form });
  const layout: OfficialLayout | null = useMemo(
    () => (table ? officialLayout(table, formLocale) : null),
    [table, formLocale],
  );
  useEffect(() => {
    if (name !== null && layout) document.title = `${name} · ${layout.title}`;
  }, [name, layout]);
  return { layout, formLocale, setFormLocale };
}
