import { z } from 'zod';

/** A cut-off month of monitoring (截至 m 月): progress is measured over January to m. */
export const cutOffMonthSchema = z.number().int().min(1).max(12);

/** Traffic lights of monitoring; blue means far ahead of plan (the target was probably set too low). */
export const lightSchema = z.enum(['red', 'yellow', 'grey', 'blue', 'green']);
export type Light = z.infer<typeof lightSchema>;

/** How bad a light is, for "worst light" and sorting by risk: higher is worse. */
export const LIGHT_RISK: Record<Light, number> = { red: 4, yellow: 3, grey: 2, blue: 1, green: 0 };

export const LIGHT_LABELS: Record<Light, { zh: string; en: string }> = {
  red: { zh: '红灯', en: 'red' },
  yellow: { zh: '黄灯', en: 'yellow' },
  grey: { zh: '未填报', en: 'no data' },
  blue: { zh: '蓝灯', en: 'blue' },
  green: { zh: '绿灯', en: 'green' },
};

/**
 * A monitoring scheme (绩效运行监控 lights) as data. Thresholds are ratios of progress to the
 * time-proportional plan (m ÷ 12); regions set their own cut-off month and bounds.
 */
export const monitoringSchemeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
    /** Default cut-off month (1–12): progress is measured over January to m. */
    cutOffMonth: cutOffMonthSchema,
    /** Spending r = 执行率 ÷ (m ÷ 12): red below `red`, yellow below `yellow`, else green. */
    spending: z.object({ red: z.number().positive(), yellow: z.number().positive() }),
    /** Positive indicator r = achieved ÷ (v × m ÷ 12); blue from `blue` on. */
    positive: z.object({
      red: z.number().positive(),
      yellow: z.number().positive(),
      blue: z.number().positive(),
    }),
    /**
     * Units of levels rather than amounts (a 合格率 or 满意度 of 95 % in July is already on track), so the
     * value is compared with the full target, not with the m ÷ 12 share of it.
     */
    levelUnits: z.array(z.string()),
  })
  .refine((s) => s.spending.red <= s.spending.yellow, { message: 'red ≤ yellow', path: ['spending'] })
  .refine((s) => s.positive.red <= s.positive.yellow && s.positive.yellow <= s.positive.blue, {
    message: 'red ≤ yellow ≤ blue',
    path: ['positive'],
  });
export type MonitoringScheme = z.infer<typeof monitoringSchemeSchema>;

/** domain.md defaults: cut-off July, 60 % / 80 % bounds, blue from 120 %. */
export const DEFAULT_MONITORING_SCHEME: MonitoringScheme = monitoringSchemeSchema.parse({
  id: 'national-default',
  version: 1,
  name: { zh: '绩效运行监控（默认）', en: 'Performance monitoring (default)' },
  cutOffMonth: 7,
  spending: { red: 0.6, yellow: 0.8 },
  positive: { red: 0.6, yellow: 0.8, blue: 1.2 },
  levelUnits: ['%', '‰', '分'],
});
