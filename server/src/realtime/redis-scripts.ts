// The Redis broker's Lua scripts: each is one atomic step on the shared state, so two nodes can
// never interleave inside a check-and-take or a member's arrival and its announcement.
//
// Keys (P is REDIS_PREFIX; `proj\nchan` joins a project id and a channel name, which contain no
// newline):
//   P nodes                  set of live node ids
//   P alive:<node>           the node's heartbeat, expiring after REDIS_NODE_TTL_MS
//   P conn:<proj>            hash node → open connections of the project on that node
//   P node-projects:<node>   set of projects the node has counted connections for
//   P subs:<proj>            hash channel → subscriptions across the cluster
//   P node-subs:<node>       hash proj\nchan → the node's share of those
//   P members:<proj\nchan>   hash user id → sockets of that user across the cluster (presence)
//   P info:<proj\nchan>      hash user id → user_info JSON
//   P node-members:<node>    hash proj\nchan\nuser → the node's share of the sockets
//   P bus                    the pub/sub channel every node listens to
// A node's own hashes are what a dead node's reaping subtracts, so its slots and members come back.
//
// Messages on the bus: "f\n<proj>\n<chan>\n<except socket id>\n<frame>" (a frame for a channel's
// subscribers) or "c\n<proj>\n<chan or empty>\n<code>\n<message>" (close those sockets).

/** Every script starts with the prefix and the node id; a node no longer registered (reaped) changes nothing. */
const PRELUDE = `
local P = ARGV[1]
local node = ARGV[2]
if redis.call('SISMEMBER', P .. 'nodes', node) == 0 then return -1 end
local function dec(key, field, by)
  local n = redis.call('HINCRBY', key, field, -(by or 1))
  if n <= 0 then redis.call('HDEL', key, field) end
  return n
end
`;

/** ARGV: P, node, proj. Counts the connection, returns the project's total across the cluster (own included). */
export const ACQUIRE = `${PRELUDE}
local proj = ARGV[3]
local key = P .. 'conn:' .. proj
redis.call('HINCRBY', key, node, 1)
redis.call('SADD', P .. 'node-projects:' .. node, proj)
local sum = 0
for _, v in ipairs(redis.call('HVALS', key)) do sum = sum + tonumber(v) end
return sum
`;

/** ARGV: P, node, proj. */
export const RELEASE = `${PRELUDE}
dec(P .. 'conn:' .. ARGV[3], node)
return 1
`;

/**
 * ARGV: P, node, proj, chan, user id ('' off presence), user_info JSON, member limit, the
 * member_added bus message. Returns {0} when the presence channel is full, {1} or {1, info hash}.
 */
export const JOIN = String.raw`${PRELUDE}
local proj, chan, user = ARGV[3], ARGV[4], ARGV[5]
local field = proj .. '\n' .. chan
if user ~= '' then
  local members = P .. 'members:' .. field
  if redis.call('HEXISTS', members, user) == 0 and redis.call('HLEN', members) >= tonumber(ARGV[7]) then return {0} end
  redis.call('HINCRBY', P .. 'node-members:' .. node, field .. '\n' .. user, 1)
  if redis.call('HINCRBY', members, user, 1) == 1 then
    redis.call('HSET', P .. 'info:' .. field, user, ARGV[6])
    redis.call('PUBLISH', P .. 'bus', ARGV[8])
  end
end
redis.call('HINCRBY', P .. 'subs:' .. proj, chan, 1)
redis.call('HINCRBY', P .. 'node-subs:' .. node, field, 1)
if user ~= '' then return {1, redis.call('HGETALL', P .. 'info:' .. field)} end
return {1}
`;

/** ARGV: P, node, proj, chan, user id ('' off presence), the member_removed bus message. */
export const LEAVE = String.raw`${PRELUDE}
local proj, chan, user = ARGV[3], ARGV[4], ARGV[5]
local field = proj .. '\n' .. chan
dec(P .. 'subs:' .. proj, chan)
dec(P .. 'node-subs:' .. node, field)
if user ~= '' then
  dec(P .. 'node-members:' .. node, field .. '\n' .. user)
  if dec(P .. 'members:' .. field, user) <= 0 then
    redis.call('HDEL', P .. 'info:' .. field, user)
    redis.call('PUBLISH', P .. 'bus', ARGV[6])
  end
end
return 1
`;

/** ARGV: P, node, ttl ms. 0 when the node was reaped meanwhile (presumed dead): it must start over. */
export const HEARTBEAT = `${PRELUDE}
redis.call('SET', P .. 'alive:' .. node, '1', 'PX', ARGV[3])
return 1
`;

/** ARGV: P, node, ttl ms. */
export const REGISTER = `
local P, node = ARGV[1], ARGV[2]
redis.call('SADD', P .. 'nodes', node)
redis.call('SET', P .. 'alive:' .. node, '1', 'PX', ARGV[3])
return 1
`;

/**
 * ARGV: P, and optionally a node id to reap now (this node's previous id after it lost Redis).
 * Reaps every node whose heartbeat has expired: its connection slots are freed, its
 * subscriptions uncounted, and members that had no socket elsewhere are removed and announced.
 * Returns how many nodes were reaped.
 */
export const REAP = String.raw`
local P = ARGV[1]
local function dec(key, field, by)
  local n = redis.call('HINCRBY', key, field, -by)
  if n <= 0 then redis.call('HDEL', key, field) end
  return n
end
local function reap(n)
  if redis.call('SREM', P .. 'nodes', n) == 0 then return 0 end
  for _, proj in ipairs(redis.call('SMEMBERS', P .. 'node-projects:' .. n)) do redis.call('HDEL', P .. 'conn:' .. proj, n) end
  local subs = redis.call('HGETALL', P .. 'node-subs:' .. n)
  for i = 1, #subs, 2 do
    local proj, chan = string.match(subs[i], '^([^\n]*)\n(.*)$')
    dec(P .. 'subs:' .. proj, chan, tonumber(subs[i + 1]))
  end
  local members = redis.call('HGETALL', P .. 'node-members:' .. n)
  for i = 1, #members, 2 do
    local proj, chan, user = string.match(members[i], '^([^\n]*)\n([^\n]*)\n(.*)$')
    local field = proj .. '\n' .. chan
    if dec(P .. 'members:' .. field, user, tonumber(members[i + 1])) <= 0 then
      redis.call('HDEL', P .. 'info:' .. field, user)
      local frame = cjson.encode({ event = 'pusher_internal:member_removed', channel = chan, data = cjson.encode({ user_id = user }) })
      redis.call('PUBLISH', P .. 'bus', 'f\n' .. proj .. '\n' .. chan .. '\n\n' .. frame)
    end
  end
  redis.call('DEL', P .. 'node-projects:' .. n, P .. 'node-subs:' .. n, P .. 'node-members:' .. n, P .. 'alive:' .. n)
  return 1
end
local reaped = 0
if ARGV[2] and ARGV[2] ~= '' then reaped = reaped + reap(ARGV[2]) end
for _, n in ipairs(redis.call('SMEMBERS', P .. 'nodes')) do
  if redis.call('EXISTS', P .. 'alive:' .. n) == 0 then reaped = reaped + reap(n) end
end
return reaped
`;
