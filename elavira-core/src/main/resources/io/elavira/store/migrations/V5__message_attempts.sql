-- Every provider tried for an answer (a fallback chain's members, a consensus's workers), in order,
-- as a JSON array of {"provider", "model", "outcome", "kind", "ms"}; "[]" for user messages and
-- for answers given without a model.
ALTER TABLE messages ADD COLUMN attempts TEXT NOT NULL DEFAULT '[]';
