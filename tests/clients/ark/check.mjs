// Points a published Ark client at the emulator's Ark twin and completes one generation:
// submit (a local PNG, inline as a data: URI, as the first frame) -> poll -> video URL -> download.
//
// ByteDance publishes no JavaScript client for Ark (its official SDKs are Python, Java and Go, none installable
// here), so this uses Vercel's @ai-sdk/bytedance, the client the project's notes on Ark cite: third-party, but
// written against the real service. ARK_BASE_URL and ARK_API_KEY come from run.sh.
import { createByteDance } from '@ai-sdk/bytedance';
import { deflateSync } from 'node:zlib';

const baseURL = process.env.ARK_BASE_URL;
const apiKey = process.env.ARK_API_KEY;
if (!baseURL || !apiKey) {
  throw new Error('Set ARK_BASE_URL and ARK_API_KEY (run.sh does).');
}

const model = createByteDance({ apiKey, baseURL }).video('dreamina-seedance-2-0-fast-260128');
const result = await model.doGenerate({
  prompt: 'slow orbital pan around a lighthouse at dusk',
  n: 1,
  aspectRatio: '16:9',
  resolution: '1280x720',
  duration: 5,
  seed: 42,
  image: { type: 'file', mediaType: 'image/png', data: png(640, 360) },
  providerOptions: { bytedance: { generateAudio: true, pollIntervalMs: 250, pollTimeoutMs: 60000 } },
  headers: {},
});

const video = result.videos[0];
console.log(`task ${result.providerMetadata.bytedance.taskId}: ${video.url}`);
const download = await fetch(video.url);
const bytes = new Uint8Array(await download.arrayBuffer());
const box = new TextDecoder().decode(bytes.subarray(4, 8));
if (!download.ok || box !== 'ftyp') {
  throw new Error(`The video did not download as an MP4 (HTTP ${download.status}, first box '${box}').`);
}

console.log(`downloaded ${bytes.length} bytes of MP4; usage ${JSON.stringify(result.providerMetadata.bytedance.usage)}`);
console.log('OK');

/** A grey RGB PNG, large enough for Ark's 300 px minimum side. */
function png(width, height) {
  const row = Buffer.alloc(1 + width * 3, 0x80);
  row[0] = 0;
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
  }

  return (crc ^ 0xffffffff) >>> 0;
}
