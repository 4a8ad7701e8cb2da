// A fake of Amazon SNS's mobile side, for what fauxqs's SNS does not do (it publishes to topics
// only): Publish to a phone number (SMS) or to a platform endpoint (push), and
// CreatePlatformEndpoint. It speaks SNS's documented query API (API version 2010-03-31,
// form-encoded POST, XML answers and errors) and checks each request's SigV4 signature (service
// "sns", the local secret), so a client that works here sends what SNS accepts. Nothing leaves the
// machine: published messages are kept in memory for tests and DevHost to read.
//
//   POST /                 the SNS API (Action=Publish | CreatePlatformEndpoint)
//   GET  /messages         {"messages":[{messageId, phoneNumber|targetArn, message, messageStructure, attributes, at}]}
//   POST /clear            forget every message and endpoint
//   POST /fail-next?code=Throttling&status=400   the next Publish answers that error (retry tests)
//   GET  /health           {"ok":true}
//
// Environment: LOCALAWS_PORT (0 = any free port), LOCALAWS_HOST (default 127.0.0.1),
// LOCALAWS_SECRET (the secret key requests are signed with; default "local").
// Prints "LOCALAWS_READY port=<port>" once listening. Run with --require ./watchdog.cjs.
import { createServer } from "node:http";
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";

const host = process.env.LOCALAWS_HOST || "127.0.0.1";
const port = Number.parseInt(process.env.LOCALAWS_PORT || "0", 10);
const secret = process.env.LOCALAWS_SECRET || "local";
const xmlns = "https://sns.amazonaws.com/doc/2010-03-31/";

let messages = [];
let endpoints = new Map(); // endpointArn -> { application, token, customUserData, enabled }
let failNext = null;

const escapeXml = (s) => String(s).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]);

class SnsError extends Error {
  constructor(code, message, status = 400, type = "Sender") {
    super(message);
    this.code = code;
    this.status = status;
    this.type = type;
  }
}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const hmac = (key, data) => createHmac("sha256", key).update(data).digest();

// AWS Signature Version 4 (IAM user guide, "Create a signed AWS API request"), checked as SNS checks it.
function verifySignature(req, body) {
  const auth = req.headers["authorization"];
  if (!auth) throw new SnsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match) throw new SnsError("IncompleteSignature", "The Authorization header is not an AWS4-HMAC-SHA256 signature", 403);
  const [, , date, region, service, signedHeaders, signature] = match;
  if (service !== "sns") throw new SnsError("InvalidClientTokenId", `The request is signed for service '${service}', not 'sns'`, 403);
  const amzDate = req.headers["x-amz-date"];
  if (!amzDate || !amzDate.startsWith(date)) throw new SnsError("IncompleteSignature", "X-Amz-Date is missing or does not match the credential scope", 403);
  const names = signedHeaders.split(";");
  if (!names.includes("host") || !names.includes("x-amz-date")) throw new SnsError("IncompleteSignature", "host and x-amz-date must be signed", 403);
  const url = new URL(req.url, "http://local");
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = req.headers["x-amz-content-sha256"] && req.headers["x-amz-content-sha256"] !== "UNSIGNED-PAYLOAD" ? req.headers["x-amz-content-sha256"] : sha256(body);
  if (payloadHash !== sha256(body)) throw new SnsError("SignatureDoesNotMatch", "x-amz-content-sha256 does not match the body", 403);
  const canonicalRequest = [req.method, url.pathname || "/", canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac("AWS4" + secret, date), region), service), "aws4_request");
  const expected = hmac(key, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
    throw new SnsError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided", 403);
  }
  return region;
}

function messageAttributes(params) {
  const attributes = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const name = params.get(`MessageAttributes.entry.${n}.Name`);
    const dataType = params.get(`MessageAttributes.entry.${n}.Value.DataType`);
    const value = params.get(`MessageAttributes.entry.${n}.Value.StringValue`);
    if (!dataType || !/^(String|Number|Binary)(\.[\w.-]+)?$/.test(dataType)) {
      throw new SnsError("ParameterValueInvalid", `The message attribute '${name}' has an invalid message attribute type`);
    }
    if (value === null) throw new SnsError("ParameterValueInvalid", `The message attribute '${name}' must contain non-empty message attribute value`);
    attributes[name] = { dataType, value };
  }
  const smsType = attributes["AWS.SNS.SMS.SMSType"];
  if (smsType && !["Promotional", "Transactional"].includes(smsType.value)) {
    throw new SnsError("ParameterValueInvalid", "AWS.SNS.SMS.SMSType must be Promotional or Transactional");
  }
  return attributes;
}

function publish(params, region) {
  if (failNext) {
    const { code, status } = failNext;
    failNext = null;
    throw new SnsError(code, "Injected failure (POST /fail-next)", status, status >= 500 ? "Receiver" : "Sender");
  }
  const targets = ["TopicArn", "TargetArn", "PhoneNumber"].filter((p) => params.get(p));
  if (targets.length !== 1) throw new SnsError("InvalidParameter", "Invalid parameter: exactly one of TopicArn, TargetArn or PhoneNumber must be specified");
  if (params.get("TopicArn")) throw new SnsError("InvalidParameter", "This fake takes SMS and push only: publish to topics through fauxqs");
  const message = params.get("Message");
  if (!message) throw new SnsError("InvalidParameter", "Invalid parameter: Message");
  const structure = params.get("MessageStructure");
  if (structure !== null && structure !== "json") throw new SnsError("InvalidParameter", "Invalid parameter: MessageStructure");
  if (structure === "json") {
    let parsed;
    try { parsed = JSON.parse(message); } catch { throw new SnsError("InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse"); }
    if (typeof parsed !== "object" || parsed === null || typeof parsed.default !== "string") {
      throw new SnsError("InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body");
    }
  }
  const attributes = messageAttributes(params);
  const record = { messageId: randomUUID(), message, messageStructure: structure, attributes, region, at: new Date().toISOString() };
  const phone = params.get("PhoneNumber");
  if (phone) {
    if (!/^\+[1-9]\d{1,14}$/.test(phone)) throw new SnsError("InvalidParameter", "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    if (Buffer.byteLength(message, "utf8") > 1600) throw new SnsError("InvalidParameter", "Invalid parameter: Message too long for SMS");
    record.phoneNumber = phone;
  } else {
    const target = params.get("TargetArn");
    const endpoint = endpoints.get(target);
    if (!endpoint) throw new SnsError("NotFound", "Endpoint does not exist", 404);
    if (!endpoint.enabled) throw new SnsError("EndpointDisabled", "Endpoint is disabled");
    record.targetArn = target;
  }
  messages.push(record);
  return `<PublishResult><MessageId>${record.messageId}</MessageId></PublishResult>`;
}

function createPlatformEndpoint(params, region) {
  const application = params.get("PlatformApplicationArn");
  const token = params.get("Token");
  const match = application && /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):app\/(GCM|APNS|APNS_SANDBOX|ADM|BAIDU|MPNS|WNS)\/([\w.-]{1,256})$/.exec(application);
  if (!match) throw new SnsError("InvalidParameter", "Invalid parameter: PlatformApplicationArn");
  if (!token || token.length > 4096) throw new SnsError("InvalidParameter", "Invalid parameter: Token");
  const customUserData = params.get("CustomUserData");
  if (customUserData && Buffer.byteLength(customUserData, "utf8") > 2048) throw new SnsError("InvalidParameter", "Invalid parameter: CustomUserData");
  // SNS answers the same endpoint for a token it already has with the same attributes.
  for (const [arn, endpoint] of endpoints) {
    if (endpoint.application === application && endpoint.token === token) {
      if ((endpoint.customUserData ?? null) !== (customUserData ?? null)) {
        throw new SnsError("InvalidParameter", `Invalid parameter: Token Reason: Endpoint ${arn} already exists with the same Token, but different attributes.`);
      }
      return `<CreatePlatformEndpointResult><EndpointArn>${escapeXml(arn)}</EndpointArn></CreatePlatformEndpointResult>`;
    }
  }
  const arn = `arn:aws:sns:${match[1]}:${match[2]}:endpoint/${match[3]}/${match[4]}/${randomUUID()}`;
  endpoints.set(arn, { application, token, customUserData, enabled: true });
  return `<CreatePlatformEndpointResult><EndpointArn>${escapeXml(arn)}</EndpointArn></CreatePlatformEndpointResult>`;
}

function answer(res, status, contentType, body) {
  res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": randomUUID() });
  res.end(body);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://local");
    if (req.method === "GET" && url.pathname === "/health") return answer(res, 200, "application/json", '{"ok":true}');
    if (req.method === "GET" && url.pathname === "/messages") return answer(res, 200, "application/json", JSON.stringify({ messages }));
    if (req.method === "POST" && url.pathname === "/clear") { messages = []; endpoints = new Map(); failNext = null; return answer(res, 200, "application/json", "{}"); }
    if (req.method === "POST" && url.pathname === "/fail-next") {
      failNext = { code: url.searchParams.get("code") || "InternalError", status: Number.parseInt(url.searchParams.get("status") || "500", 10) };
      return answer(res, 200, "application/json", "{}");
    }
    const requestId = randomUUID();
    let action = "Unknown";
    try {
      if (req.method !== "POST" || url.pathname !== "/") throw new SnsError("InvalidAction", "SNS takes POST / with a form-encoded body", 400);
      if (!String(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        throw new SnsError("InvalidParameter", "The body must be application/x-www-form-urlencoded", 400);
      }
      const region = verifySignature(req, body);
      const params = new URLSearchParams(body);
      action = params.get("Action") ?? "Unknown";
      if (params.get("Version") !== "2010-03-31") throw new SnsError("InvalidParameter", "Version must be 2010-03-31");
      let result;
      if (action === "Publish") result = publish(params, region);
      else if (action === "CreatePlatformEndpoint") result = createPlatformEndpoint(params, region);
      else throw new SnsError("InvalidAction", `The action ${action} is not valid for this endpoint.`);
      answer(res, 200, "text/xml", `<${action}Response xmlns="${xmlns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
    } catch (error) {
      const e = error instanceof SnsError ? error : new SnsError("InternalError", String(error?.message ?? error), 500, "Receiver");
      answer(res, e.status, "text/xml",
        `<ErrorResponse xmlns="${xmlns}"><Error><Type>${e.type}</Type><Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
    }
  });
});

server.listen(port, host, () => {
  process.stdout.write(`LOCALAWS_READY port=${server.address().port} host=${host}\n`);
});
server.on("error", (error) => {
  process.stderr.write(`sns-mobile-fake: could not listen on ${host}:${port}: ${error?.stack ?? error}\n`);
  process.exit(2);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
