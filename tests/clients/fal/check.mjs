// Drives the official fal client (@fal-ai/client) against the emulator's fal twin and fails loudly on any
// difference from what the client expects. Needs FAL_TWIN_BASE (the twin's base URI) and FAL_KEY.
import { createFalClient, ValidationError } from "@fal-ai/client";
import assert from "node:assert/strict";

const base = process.env.FAL_TWIN_BASE.replace(/\/$/, "");
const i2v = "bytedance/seedance-2.0/fast/image-to-video";
const t2v = "bytedance/seedance-2.0/fast/text-to-video";
const seen = [];

// The client builds https://queue.fal.run/... and https://rest.fal.ai/... itself; its request middleware is
// the documented hook for sending those calls elsewhere (a proxy, here the twin). Upload PUTs go straight to
// the upload_url the twin returned.
const fal = createFalClient({
  credentials: process.env.FAL_KEY,
  requestMiddleware: async (request) => {
    const url = request.url.replace(/^https:\/\/(queue\.fal\.run|rest\.fal\.ai)/, base);
    assert.notEqual(url, request.url, `the client called an address the check does not redirect: ${request.url}`);
    seen.push(`${request.method} ${url.slice(base.length)}`);
    return { ...request, url };
  },
});

const log = (...parts) => console.log("fal client:", ...parts);

// 1. A PNG given as a Blob: the client uploads it (initiate + PUT) and submits the file URL.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==", "base64");
const queued = await fal.queue.submit(i2v, {
  input: { prompt: "slow orbital pan", image_url: new Blob([png], { type: "image/png" }), duration: "5", resolution: "480p" },
});
log("submitted", queued.request_id, queued.status, "queue_position", queued.queue_position);
assert.equal(queued.status, "IN_QUEUE");
assert.match(queued.status_url, /\/bytedance\/seedance-2\.0\/requests\/[^/]+\/status$/);
assert.ok(seen.some((call) => call.startsWith("POST /storage/upload/initiate")), "the Blob was not uploaded");

// 2. Poll with queue.status until COMPLETED, as a queue user does.
const statuses = new Set();
for (;;) {
  const status = await fal.queue.status(i2v, { requestId: queued.request_id, logs: true });
  statuses.add(status.status);
  if (status.status === "COMPLETED") {
    log("completed; metrics", JSON.stringify(status.metrics));
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
log("statuses seen", [...statuses].join(" -> "));

// 3. The result, and the video bytes behind it.
const result = await fal.queue.result(i2v, { requestId: queued.request_id });
assert.equal(result.requestId, queued.request_id);
const video = result.data.video;
log("video", video.url, video.content_type, video.file_size, "bytes");
const download = await fetch(video.url);
assert.equal(download.status, 200);
const bytes = new Uint8Array(await download.arrayBuffer());
assert.equal(bytes.length, video.file_size);
assert.equal(Buffer.from(bytes.subarray(4, 8)).toString("ascii"), "ftyp");
log("downloaded", bytes.length, "bytes, starts with an ftyp box");

// 4. subscribe(): submit, poll and result in one call, on the text-to-video endpoint.
const subscribed = await fal.subscribe(t2v, { input: { prompt: "a lighthouse in a storm", duration: "4" }, pollInterval: 200 });
assert.match(subscribed.data.video.url, /\.mp4$/);
log("subscribe returned", subscribed.data.video.url);

// 5. A moderation refusal: the client raises its ValidationError with fal's detail array.
try {
  await fal.subscribe(i2v, { input: { prompt: "a cat #nsfw", image_url: "https://images.example.com/cat.jpg" }, pollInterval: 200 });
  assert.fail("a refused request resolved");
} catch (error) {
  assert.ok(error instanceof ValidationError, `expected ValidationError, got ${error?.name}: ${error?.message}`);
  assert.equal(error.status, 422);
  assert.equal(error.fieldErrors[0].type, "content_policy_violation");
  log("refusal raised", error.name, error.status, error.fieldErrors[0].type);
}

// 6. Cancelling a request that never finishes.
const stuck = await fal.queue.submit(i2v, { input: { prompt: "never ends #stuck", image_url: "https://images.example.com/cat.jpg" } });
await fal.queue.cancel(i2v, { requestId: stuck.request_id });
log("cancel accepted for", stuck.request_id);

log("calls made:", seen.length);
for (const call of new Set(seen.map((entry) => entry.replace(/[0-9a-f-]{36}/g, "{id}").replace(/\?.*$/, "")))) {
  log("  ", call);
}
console.log("OK: @fal-ai/client completed a generation against the twin");
