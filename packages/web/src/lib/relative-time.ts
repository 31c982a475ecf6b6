import type { Locale } from '../i18n/messages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `since` was, as people say it (3 天前 / 3 days ago). Coarse on purpose: the workbench
 * says how long something has been waiting, not the exact minute (the full date is in the tooltip).
 * `now` is passed in so the page and tests read the same clock.
 */
export function relativeTime(since: string | Date, now: Date, locale: Locale): string {
  const at = since instanceof Date ? since : new Date(since);
  const ms = now.getTime() - at.getTime();
  if (!Number.isFinite(ms)) return '';
  const zh = locale === 'zh';
  if (ms < MINUTE) return zh ? '刚刚' : 'just now';
  const say = (n: number, zhUnit: string, enUnit: string) =>
    zh ? `${n} ${zhUnit}前` : `${n} ${enUnit}${n === 1 ? '' : 's'} ago`;
  if (ms < HOUR) return say(Math.floor(ms / MINUTE), '分钟', 'minute');
  if (ms < DAY) return say(Math.floor(ms / HOUR), '小时', 'hour');
  const days = Math.floor(ms / DAY);
  if (days < 30) return say(days, '天', 'day');
  if (days < 365) return say(Math.floor(days / 30), '个月', 'month');
  return say(Math.floor(days / 365), '年', 'year');
}
