-- Moves what the small demo wrote about a follow-up (its attempts,
-- response, events and issues) to when it happened, so a fresh demo shows
-- weeks of work rather than everything at the moment it was loaded.
-- name: DemoBackdateFollowUp :exec
WITH a AS (
    UPDATE attempts SET at = @at WHERE follow_up_id = @follow_up_id
), r AS (
    UPDATE responses SET created_at = @at WHERE follow_up_id = @follow_up_id
), e AS (
    UPDATE follow_up_events SET at = @at WHERE follow_up_id = @follow_up_id AND at > @at
), i AS (
    UPDATE issues SET created_at = @at, updated_at = @at WHERE follow_up_id = @follow_up_id AND created_at > @at
)
UPDATE follow_ups SET updated_at = @at WHERE follow_ups.id = @follow_up_id;
