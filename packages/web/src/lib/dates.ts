import dayjs from 'dayjs';
import type { Locale } from '../i18n/messages.ts';

// Finance staff read dates the way their documents print them (2026年11月26日 / Nov 26, 2026), never ISO.
// The locale is passed explicitly instead of relying on dayjs's global locale, which changes at runtime.
const datePattern: Record<Locale, string> = { zh: 'YYYY年M月D日', en: 'MMM D, YYYY' };

/** A calendar date for reading: 2026年11月26日 / Nov 26, 2026; '' when missing or unreadable. */
export function formatDate(value: string | Date | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  const day = dayjs(value);
  return day.isValid() ? day.locale('en').format(datePattern[locale]) : '';
}

/** A moment for reading, in local time: 2026年11月26日 14:29 / Nov 26, 2026 14:29 (seconds on request). */
export function formatDateTime(
  value: string | Date | null | undefined,
  locale: Locale,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  const moment = dayjs(value);
  if (!moment.isValid()) return '';
  return moment.locale('en').format(`${datePattern[locale]} ${seconds ? 'HH:mm:ss' : 'HH:mm'}`);
}

/** The pattern date pickers display and accept in each language (the stored value stays YYYY-MM-DD). */
export function datePickerFormat(locale: Locale): string[] {
  // The first pattern is displayed; ISO stays accepted so pasted or typed 2026-11-26 still works.
  return [datePattern[locale], 'YYYY-MM-DD'];
}
