import { AppError } from '@jixiao/core/errors/app-error';
import { evidenceMaxBytes } from '@jixiao/core/rectification/evidence-files.limits';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  sampleCfb as cfb,
  sampleJpeg as jpeg,
  sampleOoxml as ooxml,
  samplePdf as pdf,
  samplePng as png,
} from '../testing/evidence-samples.ts';
import { evidenceMediaType } from './evidence-file.ts';

async function refusal(name: string, bytes: Uint8Array): Promise<AppError> {
  const error = await evidenceMediaType(name, bytes).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`${name} was accepted`);
  return error;
}

describe('evidenceMediaType', () => {
  it('reads PDF, images and Office documents from their bytes, whatever the case of the extension', async () => {
    expect(await evidenceMediaType('整改报告.PDF', pdf)).toBe('application/pdf');
    expect(await evidenceMediaType('现场.png', png)).toBe('image/png');
    expect(await evidenceMediaType('现场.jpeg', jpeg)).toBe('image/jpeg');
    expect(await evidenceMediaType('措施.docx', ooxml('word'))).toMatch(/wordprocessingml/);
    expect(await evidenceMediaType('台账.xlsx', ooxml('xl'))).toMatch(/spreadsheetml/);
    expect(await evidenceMediaType('旧台账.xls', cfb)).toBe('application/x-cfb');
    expect(await evidenceMediaType('旧报告.doc', cfb)).toBe('application/x-cfb');
  });

  it('refuses other content under an allowed name, naming the file in zh and en', async () => {
    const script = await refusal('报告.pdf', strToU8('<script>alert(1)</script>'));
    expect(script.code).toBe('rectification.evidence_type');
    expect(script.location?.path).toBe('file');
    expect(script.zh).toContain('“报告.pdf”的内容不是PDF');
    expect(script.en).toContain('“报告.pdf” is not PDF');
    const zip = await refusal('资料.docx', zipSync({ 'a.txt': strToU8('hi') }));
    expect(zip.zh).toContain('（zip）');
    expect(zip.en).toContain('its content is zip');
  });

  it('refuses an extension that does not say what the content is', async () => {
    const renamed = await refusal('照片.pdf', png);
    expect(renamed.code).toBe('rectification.evidence_type');
    expect(renamed.zh).toContain('内容是PNG 图片，与文件扩展名不符；请使用 .png 扩展名');
    expect(renamed.en).toContain('name it .png');
    expect((await refusal('无扩展名', pdf)).en).toContain('name it .pdf');
  });

  it('refuses an empty file and one past the size limit', async () => {
    expect((await refusal('空.pdf', new Uint8Array())).zh).toBe('佐证文件是空的');
    const big = new Uint8Array(evidenceMaxBytes + 1);
    big.set(pdf);
    const tooLarge = await refusal('大.pdf', big);
    expect(tooLarge.code).toBe('rectification.evidence_too_large');
    expect(tooLarge.zh).toContain('超过 10 MiB 的上限');
  });
});
