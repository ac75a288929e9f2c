-- wrk script for Benchmarks/run-serve.sh: POSTs the audit in $QAKIT_AUDIT (one JSON line whose
-- audit_id is "QA-10405"), each request with a new audit_id "B<run>-<thread>-<n>".
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("QAKIT_AUDIT"), "r"))
  template = file:read("*l")
  file:close()
  prefix = "B" .. (os.getenv("RUN") or "0") .. "-" .. tid .. "-"
  counter = 0
  unique = os.getenv("UNIQUE") ~= "0"
end

function request()
  local body = template
  if unique then
    counter = counter + 1
    body = template:gsub('"audit_id": "QA%-10405"', '"audit_id": "' .. prefix .. counter .. '"')
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
