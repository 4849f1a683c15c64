-- wrk script: POST /api/v1/auth/login with one pre-registered user's
-- credentials, and count every response that is not 2xx (wrk's own
-- "Non-2xx or 3xx responses" line lets 3xx through; a login never redirects).
--
--   wrk -t2 -c32 -d15s --latency -s Benchmarks/wrk/login.lua \
--       http://127.0.0.1:PORT/api/v1/auth/login -- EMAIL PASSWORD
--
-- The email and password come after `--` (wrk hands them to init()), or from
-- the environment as MM_BENCH_EMAIL / MM_BENCH_PASSWORD.

local threads = {}

-- Runs in the main Lua state once per thread before it starts: keep a handle
-- so done() can read each thread's counters.
function setup(thread)
    table.insert(threads, thread)
end

-- Escape for a JSON string literal (quotes, backslashes, control characters).
local function json_string(s)
    return '"' .. s:gsub('[%c"\\]', function(c)
        return string.format("\\u%04x", c:byte())
    end) .. '"'
end

-- Runs in each thread's own Lua state. wrk builds its (static) request
-- after init(), so setting wrk.body here is enough.
function init(args)
    local email = args[1] or os.getenv("MM_BENCH_EMAIL")
    local password = args[2] or os.getenv("MM_BENCH_PASSWORD")
    if not email or not password then
        error("login.lua needs EMAIL PASSWORD after --, or MM_BENCH_EMAIL/MM_BENCH_PASSWORD")
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = "{\"email\":" .. json_string(email) .. ",\"password\":" .. json_string(password) .. "}"
    non2xx = 0
    statuses = {}
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        statuses[status] = (statuses[status] or 0) + 1
    end
end

-- Runs in the main state after the run. The line "non-2xx responses: N" is
-- what scripts/bench reads.
function done(summary, latency, requests)
    local total = 0
    local by_status = {}
    for _, thread in ipairs(threads) do
        total = total + (thread:get("non2xx") or 0)
        local per = thread:get("statuses") or {}
        for status, count in pairs(per) do
            by_status[status] = (by_status[status] or 0) + count
        end
    end
    io.write(string.format("non-2xx responses: %d\n", total))
    for status, count in pairs(by_status) do
        io.write(string.format("  status %d: %d\n", status, count))
    end
    io.write(string.format("p99 latency ms: %.2f\n", latency:percentile(99) / 1000))
end
