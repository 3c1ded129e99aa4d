-- Opens an issue unless the customer already has a pending one in the
-- category; then it returns no row and the caller adds to that one. A
-- concurrent opener waits for the first to commit and then returns no row.
-- name: IssueInsertPending :one
INSERT INTO issues (customer_id, sale_id, follow_up_id, category, severity, deadline_at)
VALUES (@customer_id, @sale_id, @follow_up_id, @category, @severity, @deadline_at)
ON CONFLICT (customer_id, category) WHERE state IN ('open', 'in_progress') DO NOTHING
RETURNING id;

-- name: IssueGetPendingForUpdate :one
SELECT id FROM issues
WHERE customer_id = @customer_id AND category = @category AND state IN ('open', 'in_progress')
FOR NO KEY UPDATE;

-- name: IssueTriggerInsert :exec
INSERT INTO issue_triggers (issue_id, response_id, question_key, value, severity)
VALUES (@issue_id, @response_id, @question_key, @value, @severity)
ON CONFLICT DO NOTHING;

-- name: IssueTouch :exec
UPDATE issues SET updated_at = now() WHERE id = @id;

-- name: IssueGet :one
SELECT * FROM issues WHERE id = @id;

-- name: IssueGetForUpdate :one
SELECT * FROM issues WHERE id = @id FOR NO KEY UPDATE;

-- name: IssueSetState :exec
UPDATE issues
SET state = @state, root_cause = @root_cause, root_cause_note = @root_cause_note,
    wont_fix_reason = @wont_fix_reason, resolved_at = @resolved_at,
    recovery_follow_up_id = @recovery_follow_up_id, updated_at = now()
WHERE id = @id;

-- name: IssueMarkBreached :exec
UPDATE issues SET breached_at = @at, updated_at = now() WHERE id = @id;

-- name: IssueTriggerList :many
SELECT issue_id, response_id, question_key, value, severity, created_at
FROM issue_triggers WHERE issue_id = @issue_id
ORDER BY created_at, response_id, question_key;

-- name: IssueListForCustomer :many
SELECT * FROM issues WHERE customer_id = @customer_id ORDER BY id;
