-- Agent configurations (io.elavira.agent.AgentRegistry): one row per agent, as before, now with
-- its configuration as JSON (the same shape as docs/config-example.json, secrets only as
-- environment-variable names), a description the router matches questions against, the date of
-- the last change and a version incremented by every change, so that a running agent sees that
-- its configuration changed (also when another process changed it) and rebuilds itself.
-- An agent row without config is one created implicitly by ingest or ask (e.g. "default").
ALTER TABLE agents ADD COLUMN description TEXT;
ALTER TABLE agents ADD COLUMN config TEXT;
ALTER TABLE agents ADD COLUMN updated_at INTEGER;
ALTER TABLE agents ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- How each answer was routed (agent, retrieval or not, local or remote chain, and why), as JSON;
-- NULL for user messages and for answers of agents without a router.
ALTER TABLE messages ADD COLUMN route TEXT;
