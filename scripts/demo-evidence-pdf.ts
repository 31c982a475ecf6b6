/**
 * Prints the demo's 整改 evidence file (packages/server/src/demo-files/rectification-report.pdf) with the
 * exporter's own chromium printer, so the demo ships a real PDF that opens in any reader and whose text a
 * reader extracts. Run again after editing the text: `npx tsx scripts/demo-evidence-pdf.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { htmlToPdf } from '@jixiao/export/layout-pdf';

const out = new URL('../packages/server/src/demo-files/rectification-report.pdf', import.meta.url);

const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>整改情况说明</title>
<style>
  @page { size: A4; margin: 25mm 26mm; }
  /* Normal weight: chromium draws a synthesised bold as Type 3 glyphs instead of a font subset. */
  body { font-family: 'AR PL UMing CN', serif; font-size: 12pt; line-height: 1.9; color: #000; }
  h1, h2, th { font-weight: normal; }
  h1 { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 15pt; text-align: center; margin: 0 0 6mm; }
  h2 { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 12.5pt; margin: 5mm 0 1mm; }
  p { margin: 0; text-indent: 2em; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 11pt; }
  th, td { border: 0.6pt solid #000; padding: 1.2mm 2mm; text-align: center; }
  .sign { margin-top: 12mm; text-align: right; text-indent: 0; }
</style></head><body>
<h1>关于“科创中心建设工作经费”绩效自评问题的整改情况说明</h1>
<h2>一、存在的问题</h2>
<p>2020 年度项目绩效自评中，时效指标“项目完成及时性”年度目标值为不低于 95%，实际完成 88%，未达到年度目标。主要原因是进口实验设备到货延迟，两项课题验收推迟至次年一季度。</p>
<h2>二、整改措施</h2>
<p>（一）设备采购提前至上年四季度启动，采购合同中约定到货期限和违约责任。</p>
<p>（二）建立课题进度月报制度，每月底前由课题承担单位报送进度，对滞后课题及时预警、督办。</p>
<p>（三）推迟验收的两项课题已于 2021 年 3 月完成验收，验收材料已归档。</p>
<h2>三、整改结果</h2>
<table>
  <tr><th>指标</th><th>年度目标</th><th>自评实际</th><th>整改后</th></tr>
  <tr><td>项目完成及时性</td><td>≥95%</td><td>88%</td><td>100%（2021 年 3 月）</td></tr>
</table>
<p>今后将把课题进度纳入年度绩效运行监控，确保按期完成。</p>
<p class="sign">上海推进科技创新中心建设办公室<br>2021 年 4 月 15 日</p>
</body></html>`;

try {
  const pdf = await htmlToPdf(html);
  await writeFile(out, pdf);
  console.log(`${out.pathname}: ${pdf.byteLength} bytes`);
} finally {
  await closeSharedBrowser();
}
