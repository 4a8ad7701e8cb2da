// Starts fauxqs (SQS, SNS and S3 on one port) bound to the loopback interface only.
// fauxqs's own start function listens on every interface, so this builds the app with its
// exported builder and listens on 127.0.0.1.
//
// Queue URLs: fauxqs's SQS store names queues http://sqs.<region>.localhost:<port>/... by
// default, a host name the system resolver here does not know. With its host cleared it uses the
// Host of the CreateQueue request instead (http://127.0.0.1:<port>/000000000000/<name>), which
// every client can reach. fauxqs finds a queue by its exact URL: use the URL it returns.
//
// Environment: LOCALAWS_PORT (0 = any free port), LOCALAWS_HOST (default 127.0.0.1),
// LOCALAWS_LOG_LEVEL (fastify/pino level, default "warn").
// Prints "LOCALAWS_READY port=<port>" once listening. Run with --require ./watchdog.cjs.
import { buildApp } from "fauxqs";

// The store class is not exported by the package's entry point; load it next to it.
const { SqsStore } = await import(new URL("./sqs/sqsStore.js", import.meta.resolve("fauxqs")).href);

const host = process.env.LOCALAWS_HOST || "127.0.0.1";
const port = Number.parseInt(process.env.LOCALAWS_PORT || "0", 10);
const level = process.env.LOCALAWS_LOG_LEVEL || "warn";

const sqsStore = new SqsStore();
sqsStore.host = "";

const app = buildApp({ logger: { level }, defaultRegion: "us-east-1", stores: { sqsStore } });

try {
  const address = await app.listen({ host, port });
  const actualPort = new URL(address).port;
  process.stdout.write(`LOCALAWS_READY port=${actualPort} host=${host}\n`);
} catch (error) {
  process.stderr.write(`fauxqs-loopback: could not listen on ${host}:${port}: ${error?.stack ?? error}\n`);
  process.exit(2);
}

const stop = async () => {
  try {
    await app.close();
  } finally {
    process.exit(0);
  }
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
