// Drives the emulator's Replicate twin with Replicate's official JavaScript client (npm "replicate"), the way a
// user's own script would: create + wait, run (sync mode), an uploaded file as input, cancel, and a signed webhook
// checked with the client's validateWebhook. Usage: node check.mjs <replicate-base-url> <token>
import http from "node:http";
import Replicate, { validateWebhook } from "replicate";

const [baseUrl, auth] = process.argv.slice(2);
if (!baseUrl || !auth) {
  console.error("usage: node check.mjs <replicate-base-url> <token>");
  process.exit(2);
}

const model = "bytedance/seedance-2.0-fast";
const replicate = new Replicate({ auth, baseUrl, userAgent: "seedance-client-check" });
let failures = 0;

function check(name, ok, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  if (!ok) failures++;
}

/** Downloads a video and checks it is an MP4: an 'ftyp' box first. */
async function downloadMp4(url) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const box = new TextDecoder().decode(bytes.subarray(4, 8));
  return { status: response.status, length: bytes.length, isMp4: box === "ftyp" };
}

// 1. predictions.create, then the client's own polling loop.
const created = await replicate.predictions.create({ model, input: { prompt: "slow orbital pan", duration: 5 } });
check("predictions.create", created.status === "starting" && created.id.length === 26, `id ${created.id}, status ${created.status}`);
const waited = await replicate.wait(created, { interval: 250 });
check("replicate.wait", waited.status === "succeeded" && typeof waited.output === "string", `status ${waited.status}, output ${waited.output}`);
const video = await downloadMp4(waited.output);
check("download", video.status === 200 && video.isMp4, `${video.length} bytes, MP4 ${video.isMp4}`);

// 2. run: one call in sync mode (Prefer: wait), output straight back.
const output = await replicate.run(model, { input: { prompt: "a lighthouse at dusk", resolution: "480p", aspect_ratio: "9:16" } });
check("replicate.run", typeof output === "string" && output.endsWith(".mp4"), String(output));

// 3. files.create, and the file's URL as the first frame.
const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"), (c) => c.charCodeAt(0));
const file = await replicate.files.create(new Blob([png], { type: "image/png" }), { purpose: "client check" });
check("files.create", typeof file.urls?.get === "string" && file.size === png.length, file.urls?.get);
const fromFile = await replicate.wait(await replicate.predictions.create({ model, input: { prompt: "the shot comes alive", image: file.urls.get } }), { interval: 250 });
check("prediction from an uploaded file", fromFile.status === "succeeded", fromFile.status);

// 4. cancel a prediction that would never finish.
const stuck = await replicate.predictions.create({ model, input: { prompt: "never ends #stuck" } });
const canceled = await replicate.predictions.cancel(stuck.id);
check("predictions.cancel", canceled.status === "canceled", canceled.status);

// 5. a failed prediction is reported by the client as an error.
const failing = await replicate.predictions.create({ model, input: { prompt: "a cat #fail" } });
try {
  await replicate.wait(failing, { interval: 250 });
  check("failed prediction", false, "wait did not throw");
} catch (error) {
  check("failed prediction", String(error.message).startsWith("Prediction failed:"), error.message);
}

// 6. a webhook on completion, verified with the default secret.
const delivery = new Promise((resolve) => {
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.writeHead(204).end();
      server.close();
      resolve({ headers: request.headers, body });
    });
  });
  server.listen(0, "127.0.0.1", async () => {
    const hook = `http://127.0.0.1:${server.address().port}/hook?job=42`;
    await replicate.predictions.create({ model, input: { prompt: "a cat" }, webhook: hook, webhook_events_filter: ["completed"] });
  });
});
const { key: secret } = await replicate.webhooks.default.secret.get();
const received = await Promise.race([delivery, new Promise((_, reject) => setTimeout(() => reject(new Error("no webhook within 30 s")), 30000))]);
const valid = await validateWebhook({ headers: received.headers, body: received.body }, secret);
const tampered = await validateWebhook({ headers: received.headers, body: received.body.replace("succeeded", "failed") }, secret);
check("validateWebhook", valid === true && tampered === false, `signature ${received.headers["webhook-signature"].slice(0, 12)}…, status ${JSON.parse(received.body).status}, tampered body rejected ${!tampered}`);

console.log(failures === 0 ? "all checks passed" : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
