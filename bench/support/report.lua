-- wrk's report as one JSON line: requests, failures and latency percentiles (microseconds).
-- Any answer but 200 is a failure: a redirect to the sign-in page would otherwise pass.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local bad = errors.connect + errors.read + errors.write + errors.timeout
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"errors":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration / 1e6, bad,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
