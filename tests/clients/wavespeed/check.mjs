// Drives WaveSpeed's official JavaScript SDK (npm "wavespeed") against the emulator's WaveSpeed twin:
// upload a local image, run image-to-video and text-to-video to a video URL, download the bytes, and see a
// failed generation end the SDK's polling. Needs WAVESPEED_BASE_URL (the twin's base URI) and WAVESPEED_API_KEY.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavespeed from 'wavespeed';

const { Client } = wavespeed;
const baseUrl = process.env.WAVESPEED_BASE_URL;
if (!baseUrl || !process.env.WAVESPEED_API_KEY) {
  throw new Error('Set WAVESPEED_BASE_URL and WAVESPEED_API_KEY.');
}

const client = new Client(process.env.WAVESPEED_API_KEY, { baseUrl, maxConnectionRetries: 2, retryInterval: 0.2 });
const runOptions = { pollInterval: 0.25, timeout: 60 };

// A 1x1 PNG: the SDK uploads a file path.
const image = join(mkdtempSync(join(tmpdir(), 'wavespeed-check-')), 'still.png');
writeFileSync(image, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));

async function downloadVideo(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Downloading ${url} answered HTTP ${response.status}.`);
  }

  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.subarray(4, 8).toString('latin1') !== 'ftyp') {
    throw new Error(`${url} is not an MP4 (no ftyp box).`);
  }

  return bytes.length;
}

function report(step, detail) {
  console.log(`${step}: ${JSON.stringify(detail)}`);
}

const uploaded = await client.upload(image);
report('upload', { url: uploaded });

const imageToVideo = await client.run('bytedance/seedance-2.0-fast/image-to-video', { images: [uploaded], prompt: 'slow orbital pan', duration: 5 }, runOptions);
report('image-to-video', { output: imageToVideo.outputs[0], bytes: await downloadVideo(imageToVideo.outputs[0]) });

const textToVideo = await client.run('bytedance/seedance-2.0-fast/text-to-video', { prompt: 'a lighthouse in a storm', duration: 10, aspect_ratio: '9:16' }, runOptions);
report('text-to-video', { output: textToVideo.outputs[0], bytes: await downloadVideo(textToVideo.outputs[0]) });

const failed = await client.runNoThrow('bytedance/seedance-2.0-fast/image-to-video-turbo', { image: uploaded, prompt: 'a cat #fail' }, runOptions);
if (failed.outputs !== null || failed.detail.status !== 'failed') {
  throw new Error(`A failed generation came back as ${JSON.stringify(failed.detail)}.`);
}
report('failed generation', { taskId: failed.detail.taskId, error: String(failed.detail.error?.message) });

console.log('The official WaveSpeed SDK completed every step against the twin.');
