// The document renderer's worker thread (render-thread.ts). The packages are TypeScript run through tsx,
// and Node 20 does not give a worker thread the loader hooks of its parent, so it registers tsx itself.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { renderDocument } = await import('./layout-document.ts');

parentPort.on('message', async ({ id, layouts, format }) => {
  try {
    const { body, contentType, extension } = await renderDocument(layouts, format);
    // The document is moved, not copied: it can be megabytes.
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
    parentPort.postMessage({ id, ok: true, value: { bytes, contentType, extension } }, [bytes.buffer]);
  } catch (error) {
    const plain =
      error instanceof Error
        ? { ...error, name: error.name, message: error.message }
        : { message: String(error) };
    parentPort.postMessage({ id, ok: false, error: JSON.parse(JSON.stringify(plain)) });
  }
});
parentPort.postMessage({ id: 0, ok: true });
