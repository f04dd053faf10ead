// An app as people write it: one chat completion with the openai client, traced by OpenLLMetry's OpenAI
// instrumentation and exported by the OpenTelemetry Node SDK over the OTLP protocol its argument names.
//
//   node chat.js grpc|http-protobuf
//
// Where to export and the key come from the SDK's own variables, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT and
// OTEL_EXPORTER_OTLP_TRACES_HEADERS; the provider from the client's, OPENAI_BASE_URL and OPENAI_API_KEY; the model
// from MODEL. Exits non-zero when the call or an export failed, after printing why.
"use strict";

const { NodeSDK } = require("@opentelemetry/sdk-node");
const { OTLPTraceExporter: GrpcTraceExporter } = require("@opentelemetry/exporter-trace-otlp-grpc");
const { OTLPTraceExporter: ProtobufTraceExporter } = require("@opentelemetry/exporter-trace-otlp-proto");
const { OpenAIInstrumentation } = require("@traceloop/instrumentation-openai");

const EXPORTERS = {
  grpc: () => new GrpcTraceExporter(),
  "http-protobuf": () => new ProtobufTraceExporter(),
};

const protocol = process.argv[2];
if (!EXPORTERS[protocol]) {
  console.error(`usage: node chat.js ${Object.keys(EXPORTERS).join("|")}`);
  process.exit(2);
}

const exported = { spans: 0, failures: [] };
const sdk = new NodeSDK({
  serviceName: "agentmeter-otel-js",
  traceExporter: counted(EXPORTERS[protocol]()),
  // Metering needs the usage, not the prompt and answer.
  instrumentations: [new OpenAIInstrumentation({ traceContent: false })],
});
sdk.start();
// Loaded once the SDK has started, so that the instrumentation patches it.
const OpenAI = require("openai");

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

async function main() {
  const completion = await new OpenAI().chat.completions.create({
    model: process.env.MODEL,
    messages: [{ role: "user", content: "Say hi." }],
  });
  console.log(`${protocol}: ${completion.model} answered, usage ${JSON.stringify(completion.usage)}`);
  try {
    // Ends the batch span processor: what is left is exported now, before the process exits.
    await sdk.shutdown();
  } catch (error) {
    exported.failures.push(String(error));
  }
  console.log(`${protocol}: exported ${exported.spans} span(s)`);
  if (exported.failures.length > 0 || exported.spans === 0) {
    console.error(`${protocol}: export failed: ${[...new Set(exported.failures)].join("; ") || "no span exported"}`);
    process.exitCode = 1;
  }
}

/** The exporter, counting what it exported and keeping why an export failed (the SDK only logs it). */
function counted(exporter) {
  return {
    export(spans, done) {
      exporter.export(spans, (result) => {
        if (result.code === 0) {
          exported.spans += spans.length;
        } else {
          exported.failures.push(String(result.error));
        }
        done(result);
      });
    },
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
  };
}
