// Ingest with the AWS SDK for JavaScript v3, as a Node.js application writes to Kinesis: PutRecords
// of 500 records from concurrent loops, over HTTP/2 (h2c with prior knowledge, the handler the SDK
// uses for Kinesis' event streams) or HTTP/1.1 (keep-alive). Prints one line per measured interval:
// "rate <acknowledged records per second>", after an unmeasured warm-up and a line "measuring".
// Usage: node js-ingest.mjs ENDPOINT h2|h1 STREAM RECORD_BYTES LOOPS WARM_UP_S INTERVALS INTERVAL_S
import http from "node:http";
import { randomBytes } from "node:crypto";
import { KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler, NodeHttp2Handler } from "@smithy/node-http-handler";

const [endpoint, protocol, stream, recordBytes, loops, warmUp, intervals, interval] = process.argv.slice(2);
const requestHandler = protocol === "h2"
    ? new NodeHttp2Handler({ disableConcurrentStreams: false, requestTimeout: 120_000 })
    : new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: Number(loops) }), requestTimeout: 120_000 });
const client = new KinesisClient({
    endpoint, region: "us-east-1", requestHandler, maxAttempts: 1,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
});
const data = randomBytes(Number(recordBytes));
const records = Array.from({ length: 500 }, (_, i) => ({ Data: data, PartitionKey: `key-${i}-${Math.random()}` }));

let acknowledged = 0;
let failed = 0;
let running = true;
async function loop() {
    while (running) {
        try {
            const response = await client.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
            acknowledged += records.length - (response.FailedRecordCount ?? 0);
            failed += response.FailedRecordCount ?? 0;
        } catch (e) {
            failed += records.length;
            console.error(`PutRecords failed: ${e.name}: ${e.message}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
}

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const workers = Array.from({ length: Number(loops) }, loop);
await sleep(Number(warmUp));
console.log("measuring");
for (let i = 0; i < Number(intervals); i++) {
    const before = acknowledged;
    const started = process.hrtime.bigint();
    await sleep(Number(interval));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`rate ${((acknowledged - before) / seconds).toFixed(0)}`);
}
running = false;
await Promise.all(workers);
console.log(`failed ${failed}`);
client.destroy();
