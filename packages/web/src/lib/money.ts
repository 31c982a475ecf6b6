/** 万元 with up to four decimals (one 元), without trailing zeros: 4,600,000 → "460", 12,345 → "1.2345". */
export function formatWan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '';
  return (amount / 10_000).toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** Reads what a user typed into a money box: separators and spaces ignored; '' is empty, junk is NaN. */
export function parseYuanInput(text: string): number | null {
  const cleaned = text.replace(/[,，\s元]/g, '');
  if (cleaned === '') return null;
  if (!/^-?\d*(\.\d*)?$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}
