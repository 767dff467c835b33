// The gateway's Prometheus metrics (prom-client), served at /metrics (operations-routes.ts). Recording
// costs a map lookup and an add per call; label values are bounded (tool slugs past MAX_TOOLS become
// "other"), so that an owner creating tools cannot grow the registry without end.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const MAX_TOOLS = 200;
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type TMetrics = {
  registry: Registry;
  calls: Counter<"tool" | "status" | "code">;
  callSeconds: Histogram<"tool">;
  vendorSeconds: Histogram<"tool">;
  plans: Counter<"result">;
  sliceRefills: Counter<"outcome">;
  databaseErrors: Counter<"operation">;
  tools: Set<string>;
};

// On globalThis like the rest of the gateway's state: one registry per process, however often this
// module is evaluated.
const slot = Symbol.for("vaultline.metrics");
const metrics: TMetrics = ((globalThis as Record<symbol, TMetrics>)[slot] ??= create());

function create(): TMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "vaultline_process_" });
  const registers = [registry];
  return {
    registry,
    calls: new Counter({ name: "vaultline_agent_calls_total", help: "Agent calls answered, by tool, HTTP status and error code.", labelNames: ["tool", "status", "code"], registers }),
    callSeconds: new Histogram({ name: "vaultline_agent_call_seconds", help: "Time to answer an agent call.", labelNames: ["tool"], buckets: LATENCY_BUCKETS, registers }),
    vendorSeconds: new Histogram({ name: "vaultline_vendor_call_seconds", help: "Time the vendor took to answer.", labelNames: ["tool"], buckets: LATENCY_BUCKETS, registers }),
    plans: new Counter({ name: "vaultline_call_plan_lookups_total", help: "Call plan lookups: hit (warm) or miss (loaded); stale counts the hits served past their time while the database is away.", labelNames: ["result"], registers }),
    sliceRefills: new Counter({ name: "vaultline_budget_slice_refills_total", help: "Budget slices taken from the database, by outcome.", labelNames: ["outcome"], registers }),
    databaseErrors: new Counter({ name: "vaultline_database_errors_total", help: "Database writes of the gateway that failed (and are retried).", labelNames: ["operation"], registers }),
    tools: new Set(),
  };
}

function toolLabel(slug: string): string {
  if (metrics.tools.has(slug)) return slug;
  if (metrics.tools.size >= MAX_TOOLS) return "other";
  metrics.tools.add(slug);
  return slug;
}

export function recordCall(slug: string, status: number, code: string | null, seconds: number): void {
  const tool = toolLabel(slug);
  metrics.calls.labels(tool, String(status), code ?? "").inc();
  metrics.callSeconds.labels(tool).observe(seconds);
}

export function recordVendorTime(slug: string, seconds: number): void {
  metrics.vendorSeconds.labels(toolLabel(slug)).observe(seconds);
}

export function recordPlanLookup(result: "hit" | "miss" | "stale"): void {
  metrics.plans.labels(result).inc();
}

export function recordSliceRefill(outcome: string): void {
  metrics.sliceRefills.labels(outcome).inc();
}

export function recordDatabaseError(operation: string): void {
  metrics.databaseErrors.labels(operation).inc();
}

/** A gauge read when /metrics is scraped (queue depths and the like). */
export function gauge(name: string, help: string, read: () => number): void {
  if (metrics.registry.getSingleMetric(name)) return;
  new Gauge({ name, help, registers: [metrics.registry], collect() { this.set(read()); } });
}

export function metricsText(): Promise<string> {
  return metrics.registry.metrics();
}

export const METRICS_CONTENT_TYPE = metrics.registry.contentType;
