-- The mixed scenario: anonymous readers cycling through the public pages (searches left out: never cached whole),
-- counting how many answers came from the page cache. Paths come in the environment (BENCH_PATHS, space-separated).
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  paths = {}
  for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do table.insert(paths, p) end
  i = 0
  hits = 0
  answers = 0
end

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

response = function(status, headers, body)
  answers = answers + 1
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end

done = function(summary, latency, requests)
  local h, a = 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits")
    a = a + t:get("answers")
  end
  io.write(string.format('BENCH {"requests": %d, "seconds": %f, "errors": %d, "p50": %f, "p95": %f, "p99": %f, "hits": %d, "answers": %d}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, h, a))
end
