-- wrk script for make bench: optional auth headers from the environment, and a JSON summary.
--   BENCH_AUTHORIZATION="Token abc…"   BENCH_COOKIE="sessionid=…"
local authorization = os.getenv("BENCH_AUTHORIZATION")
local cookie = os.getenv("BENCH_COOKIE")
if authorization and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors_connect": %d, "errors_read": %d, '
      .. '"errors_write": %d, "errors_status": %d, "errors_timeout": %d, "p50_us": %d, "p90_us": %d, '
      .. '"p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
