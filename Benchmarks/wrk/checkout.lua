-- wrk script: buyers checking out one unit at a time, as fast as the server
-- lets them. Each wrk thread is one buyer with one connection (run it with
-- -tN -cN), holding its own access token and the product it buys:
--
--   POST /api/v1/cart      {"productId": P, "quantity": 1}
--   POST /api/v1/checkout  Idempotency-Key: SALT-THREAD-N (new for every checkout)
--   POST /api/v1/cart      ... and so on
--
-- A paid checkout empties the bought line from the cart, so after a 201 the
-- buyer adds the product again. After a 409 out_of_stock at checkout the line
-- is still in the cart (quantity 1), so the buyer tries the checkout again
-- rather than adding a second unit; an add refused with 409 out_of_stock is
-- tried again too. Every checkout is therefore exactly one unit of one product:
-- the units sold equal the 201s.
--
--   wrk -t32 -c32 -d15s --timeout 30s -s Benchmarks/wrk/checkout.lua \
--       http://127.0.0.1:PORT -- SECONDS SALT BUYERS_FILE
--
-- BUYERS_FILE has one line per buyer, "ACCESS_TOKEN PRODUCT_ID"; thread i
-- (from 0) is the buyer on line i+1 (modulo the number of lines).
--
-- Each thread stops itself, with wrk.thread:stop(), at the first response
-- after SECONDS from its first request, so no request is left in flight when
-- it stops: every checkout the server made was answered and counted here.
-- Give wrk a -d a few seconds longer than SECONDS; a thread still waiting for
-- an answer when wrk's -d ends is reported as "unfinished" (its last request
-- may have been completed by the server without being counted).
--
-- done() prints "checkout-bench KEY VALUE" lines: the counts of each kind of
-- answer, any 5xx, the time from the first request to the last stop (and to
-- the last 201, which tells when a limited stock ran out), and the
-- latency of the paid checkouts (from this script's own clock, so the
-- cart adds are not mixed in as they are in wrk's own latency figures).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } mm_bench_timespec;
int clock_gettime(int clock_id, mm_bench_timespec *tp);
]]
local timespec = ffi.new("mm_bench_timespec")
local CLOCK_MONOTONIC = 1
local function now()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

local threads = {}
local next_id = 0

-- Main Lua state, once per thread before it starts: number the threads.
function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local function json_string(s)
    return '"' .. s:gsub('[%c"\\]', function(c)
        return string.format("\\u%04x", c:byte())
    end) .. '"'
end

-- Each thread's own Lua state.
function init(args)
    seconds = tonumber(args[1])
    salt = args[2]
    local path = args[3]
    if not seconds or not salt or not path then
        error("checkout.lua needs SECONDS SALT BUYERS_FILE after --")
    end
    local lines = {}
    for line in io.lines(path) do
        if line:match("%S") then table.insert(lines, line) end
    end
    if #lines == 0 then error("checkout.lua: no buyers in " .. path) end
    local token, product = lines[(id % #lines) + 1]:match("^(%S+)%s+(%S+)")
    if not token then error("checkout.lua: a line of " .. path .. " is not 'TOKEN PRODUCT_ID'") end

    add_request = wrk.format("POST", "/api/v1/cart", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, '{"productId":' .. json_string(product) .. ',"quantity":1}')
    checkout_headers = {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }
    checkout_body = '{"shippingAddress":{"name":"Bench Buyer","line1":"1 Bench Street","city":"Springfield",'
        .. '"postalCode":"1","country":"US"},"shippingOption":"standard","paymentMethod":"pm_card_visa"}'

    state = "add"     -- what the next request is
    sent = nil        -- what the request in flight is
    sent_at = 0
    checkouts_sent = 0
    started = nil     -- this thread's first request
    deadline = nil
    stopped = nil     -- when it stopped itself
    paid = 0          -- checkout 201
    sold_out = 0      -- checkout 409 out_of_stock
    added = 0         -- cart 200
    add_sold_out = 0  -- cart 409 out_of_stock
    other = 0         -- anything else
    server_errors = 0 -- 5xx
    statuses = {}     -- the unexpected ones: "checkout 500" -> count
    latencies = {}    -- ms, paid checkouts
    last_paid = nil   -- when the last 201 arrived
end

function request()
    local t = now()
    if not started then
        started = t
        deadline = t + seconds
    end
    sent_at = t
    if state == "add" then
        sent = "add"
        return add_request
    end
    sent = "checkout"
    checkouts_sent = checkouts_sent + 1
    checkout_headers["Idempotency-Key"] = salt .. "-" .. id .. "-" .. checkouts_sent
    return wrk.format("POST", "/api/v1/checkout", checkout_headers, checkout_body)
end

local function unexpected(kind, status)
    other = other + 1
    local key = kind .. " " .. status
    statuses[key] = (statuses[key] or 0) + 1
end

local function is_out_of_stock(body)
    return body and body:find('"out_of_stock"', 1, true) ~= nil
end

function response(status, headers, body)
    local t = now()
    if status >= 500 then server_errors = server_errors + 1 end
    if sent == "add" then
        if status == 200 then
            added = added + 1
            state = "checkout"
        elseif status == 409 and is_out_of_stock(body) then
            add_sold_out = add_sold_out + 1
        else
            unexpected("cart", status)
        end
    elseif sent == "checkout" then
        if status == 201 then
            paid = paid + 1
            last_paid = t
            latencies[#latencies + 1] = (t - sent_at) * 1000
            state = "add"
        elseif status == 409 and is_out_of_stock(body) then
            sold_out = sold_out + 1
        else
            unexpected("checkout", status)
            state = "add"
        end
    end
    sent = nil
    if deadline and t >= deadline then
        stopped = t
        wrk.thread:stop()
    end
end

local function percentile(sorted, p)
    if #sorted == 0 then return 0 end
    local rank = math.ceil(p / 100 * #sorted)
    if rank < 1 then rank = 1 end
    return sorted[rank]
end

-- Main state, after the run.
function done(summary, latency, requests)
    local sums = { paid = 0, sold_out = 0, added = 0, add_sold_out = 0, other = 0, server_errors = 0, checkouts_sent = 0 }
    local first, last, last_paid_at, unfinished = nil, nil, nil, 0
    local all = {}
    local by_status = {}
    for _, thread in ipairs(threads) do
        for key in pairs(sums) do
            sums[key] = sums[key] + (thread:get(key) or 0)
        end
        local s, e, lp = thread:get("started"), thread:get("stopped"), thread:get("last_paid")
        if lp and (not last_paid_at or lp > last_paid_at) then last_paid_at = lp end
        if s and (not first or s < first) then first = s end
        if e then
            if not last or e > last then last = e end
        else
            unfinished = unfinished + 1
        end
        for _, ms in ipairs(thread:get("latencies") or {}) do all[#all + 1] = ms end
        for key, count in pairs(thread:get("statuses") or {}) do
            by_status[key] = (by_status[key] or 0) + count
        end
    end
    table.sort(all)
    local elapsed = (first and last) and (last - first) or 0
    local out = function(key, value) io.write("checkout-bench ", key, " ", tostring(value), "\n") end
    out("threads", #threads)
    out("unfinished", unfinished)
    out("elapsed", string.format("%.3f", elapsed))
    out("last_paid", string.format("%.3f", (first and last_paid_at) and (last_paid_at - first) or 0))
    out("paid", sums.paid)
    out("sold_out", sums.sold_out)
    out("added", sums.added)
    out("add_sold_out", sums.add_sold_out)
    out("other", sums.other)
    out("server_errors", sums.server_errors)
    out("checkouts_sent", sums.checkouts_sent)
    out("rate", string.format("%.1f", elapsed > 0 and sums.paid / elapsed or 0))
    out("p50_ms", string.format("%.1f", percentile(all, 50)))
    out("p99_ms", string.format("%.1f", percentile(all, 99)))
    out("max_ms", string.format("%.1f", all[#all] or 0))
    for key, count in pairs(by_status) do
        out("status", key:gsub(" ", ":") .. "=" .. count)
    end
end
