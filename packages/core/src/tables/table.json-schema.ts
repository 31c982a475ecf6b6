import { z } from 'zod';
import { performanceTableSchema } from './table.schema.ts';

/** The JSON Schema of a performance table, generated from the zod schema (draft 2020-12). */
export function tableJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://jixiao.dev/schema/performance-table.schema.json',
    title: 'Jixiao performance target table (财政项目支出绩效目标表)',
    ...z.toJSONSchema(performanceTableSchema, { io: 'input' }),
  };
}
