-- wrk script for bench/http/run.sh: one request type per wrk process.
--   wrk ... -s requests.lua URL -- get FILE    each line of FILE is a path to GET (with
--                                              Accept-Encoding: gzip, deflate, br unless BENCH_GZIP=0)
--   wrk ... -s requests.lua URL -- post FILE   each line is a JSON slip to POST to /api/v1/events
-- The session comes from DANSO_COOKIE (DANSO_SLIP_COOKIE and DANSO_SLIP_CSRF for the slips). done() prints one JSON
-- line with the counts, the error kinds and the latency percentiles.
local requests, i = {}, 0
local cookie = os.getenv("DANSO_COOKIE")
-- The slips' own session, when given (a second sign-in, as a collaborator's).
local slip_cookie = os.getenv("DANSO_SLIP_COOKIE") or cookie
local csrf = os.getenv("DANSO_SLIP_CSRF") or os.getenv("DANSO_CSRF")
-- As a browser does, the GETs say they take compressed answers, unless
-- BENCH_GZIP=0.
local accept = os.getenv("BENCH_GZIP") ~= "0" and "gzip, deflate, br" or nil

-- Every request is formatted once here: wrk calls request() for each one
-- sent, and formatting there would cost the load generator, which shares
-- the machine with the server, a few microseconds a request.
function init(args)
  local kind = args[1]
  for line in io.lines(args[2]) do
    if line ~= "" then
      if kind == "post" then
        requests[#requests + 1] = wrk.format("POST", "/api/v1/events",
          { ["Cookie"] = slip_cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" }, line)
      else
        requests[#requests + 1] = wrk.format("GET", line, { ["Cookie"] = cookie, ["Accept-Encoding"] = accept })
      end
    end
  end
  i = math.random(#requests)
end

function request()
  i = i % #requests + 1
  return requests[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_ms":{"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f}}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
