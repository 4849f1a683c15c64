-- wrk script: GET one URL with a query parameter that changes on every
-- request, cycling through the values given after `--`. A hot query repeated
-- by 32 clients measures the best case (every page SQLite needs is cached,
-- and so is the response); a mix of common and rare words is closer to what
-- shoppers type.
--
--   wrk -t2 -c32 -d10s --latency -s Benchmarks/wrk/query-mix.lua \
--       'http://127.0.0.1:PORT/api/v1/products?limit=20&q=' -- mug 'blue mug' lamp ...
--
-- Each value is appended, percent-encoded, to the path (and query string) of
-- the URL given to wrk, so that URL ends with `q=` (or whatever parameter is
-- being varied).
--
-- An argument `--unique=NAME` (anywhere after `--`) also appends
-- `&NAME=<unique>` to every request, a parameter the server ignores but that
-- makes every URL new, so no response cache can answer: the figures are
-- then those of computing every answer.
--
-- No response() callback: defining one makes wrk hand every response to Lua,
-- which costs the client CPU it shares with the server on a 2-core machine.
-- wrk's own "Non-2xx or 3xx responses" line counts the failures (status >= 400).

local threads = {}
local next_id = 0

-- Main Lua state, once per thread: number the threads so that each starts at
-- a different place in the list.
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local function encode(s)
    return (s:gsub("[^%w%-%._~]", function(c)
        return string.format("%%%02X", c:byte())
    end))
end

-- Each thread's own Lua state: build every request once, so request() only
-- picks the next one.
function init(args)
    local values = {}
    for _, arg in ipairs(args) do
        local name = arg:match("^%-%-unique=(.+)$")
        if name then
            unique = name
        else
            table.insert(values, arg)
        end
    end
    if #values == 0 then
        error("query-mix.lua needs the values to cycle through after --")
    end
    paths = {}
    requests = {}
    for i, value in ipairs(values) do
        paths[i] = wrk.path .. encode(value)
        requests[i] = wrk.format("GET", paths[i])
    end
    nvalues = #requests
    position = ((id or 0) * 17) % #requests
    -- Unique across threads, and across runs (a warm-up and the measured run
    -- start at different seconds).
    salt = string.format("%d-%d-", os.time(), id or 0)
    counter = 0
end

function request()
    position = position % #requests + 1
    if unique then
        counter = counter + 1
        return wrk.format("GET", paths[position] .. "&" .. unique .. "=" .. salt .. counter)
    end
    return requests[position]
end

-- Main state, after the run: say how many distinct URLs were in play.
function done(summary, latency, requests_total)
    local n = threads[1] and threads[1]:get("nvalues") or 0
    local every = threads[1] and threads[1]:get("unique")
    if every then
        io.write(string.format("query-mix: %d threads cycled through %d values, every URL unique (&%s=...)\n", #threads, n, every))
    else
        io.write(string.format("query-mix: %d threads cycled through %d URLs\n", #threads, n))
    end
end
