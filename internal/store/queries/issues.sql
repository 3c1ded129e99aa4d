-- Opens an issue unless the customer already has a pending one in the
-- category; then it returns no row and the caller adds to that one. A
-- concurrent opener waits for the first to commit and then returns no row.
-- name: IssueInsertPending :one
INSERT INTO issues (customer_id, sale_id, follow_up_id, category, severity, deadline_at, origin)
VALUES (@customer_id, @sale_id, @follow_up_id, @category, @severity, @deadline_at, @origin)
ON CONFLICT (customer_id, category) WHERE state IN ('open', 'in_progress') DO NOTHING
RETURNING id;

-- name: IssueGetPendingForUpdate :one
SELECT * FROM issues
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

-- name: IssuePendingForCustomer :many
SELECT * FROM issues
WHERE customer_id = @customer_id AND state IN ('open', 'in_progress')
ORDER BY id;

-- A worse answer on a pending issue makes it more urgent: the severity
-- rises and the deadline can only come closer.
-- name: IssueEscalate :exec
UPDATE issues SET severity = @severity, deadline_at = @deadline_at, updated_at = now()
WHERE id = @id;

-- name: IssueAssign :exec
UPDATE issues SET assignee_id = @assignee_id, updated_at = now() WHERE id = @id;

-- The service desk's list. Pending issues come first, the nearest deadline
-- first; finished ones after, the latest change first. The page is chosen
-- from issues alone (they carry their branch) before customers and sales
-- are joined for its rows.
-- name: IssueQueue :many
WITH page AS (
    SELECT i.* FROM issues i
    WHERE i.state = ANY (@states::text[])
      AND (@severity::text = '' OR i.severity = @severity)
      AND (@category::text = '' OR i.category = @category)
      AND (@branch::text = '' OR i.branch = @branch)
      AND (NOT @overdue::boolean OR (i.state IN ('open', 'in_progress') AND i.deadline_at < @now))
      AND (@assignee_id::bigint = 0 OR i.assignee_id = @assignee_id)
      AND (NOT @unassigned::boolean OR i.assignee_id IS NULL)
    ORDER BY (i.state IN ('open', 'in_progress')) DESC,
             CASE WHEN i.state IN ('open', 'in_progress') THEN i.deadline_at END,
             i.updated_at DESC, i.id
    LIMIT @max_rows OFFSET @skip
)
SELECT p.id, p.category, p.severity, p.state, p.origin, p.deadline_at, p.breached_at,
       p.created_at, p.updated_at, p.assignee_id,
       coalesce(nullif(u.display_name, ''), u.username, '')::text AS assignee_name,
       c.name AS customer_name, c.phone, s.branch, s.product_name, s.product_sku,
       coalesce(br.name_en, '')::text AS branch_name_en, coalesce(br.name_fa, '')::text AS branch_name_fa
FROM page p
JOIN customers c ON c.id = p.customer_id
JOIN sales s ON s.id = p.sale_id
LEFT JOIN branches br ON br.id = p.branch_id
LEFT JOIN users u ON u.id = p.assignee_id
ORDER BY (p.state IN ('open', 'in_progress')) DESC,
         CASE WHEN p.state IN ('open', 'in_progress') THEN p.deadline_at END,
         p.updated_at DESC, p.id;

-- name: IssueDeskCounts :one
SELECT count(*) AS pending,
       count(*) FILTER (WHERE deadline_at < @now) AS overdue,
       count(*) FILTER (WHERE assignee_id IS NULL) AS unassigned,
       count(*) FILTER (WHERE assignee_id = @user_id) AS mine
FROM issues WHERE state IN ('open', 'in_progress');

-- name: IssueCategories :many
SELECT DISTINCT category FROM issues ORDER BY category;

-- The spellings the desk filters issues by, each with its branch's names.
-- name: IssueBranches :many
SELECT DISTINCT i.branch, coalesce(b.name_en, '')::text AS name_en, coalesce(b.name_fa, '')::text AS name_fa
FROM issues i LEFT JOIN branches b ON b.id = i.branch_id
WHERE i.branch <> ''
ORDER BY i.branch;

-- name: IssueDetail :one
SELECT sqlc.embed(i), c.name AS customer_name, c.phone, c.timezone, c.locale, c.opted_out_at,
       s.external_id, s.product_name, s.product_sku, s.product_category, s.branch, s.sold_at,
       coalesce(nullif(u.display_name, ''), u.username, '')::text AS assignee_name,
       coalesce(br.name_en, '')::text AS branch_name_en, coalesce(br.name_fa, '')::text AS branch_name_fa
FROM issues i
JOIN customers c ON c.id = i.customer_id
JOIN sales s ON s.id = i.sale_id
LEFT JOIN branches br ON br.id = i.branch_id
LEFT JOIN users u ON u.id = i.assignee_id
WHERE i.id = @id;

-- How the recovery call of a resolved issue went: its state, and whether
-- its answers raised another issue (then the customer is not recovered).
-- name: IssueRecoveryOutcome :one
SELECT f.state, f.due_at, r.created_at AS answered_at,
       coalesce((SELECT min(t.issue_id) FROM issue_triggers t WHERE t.response_id = r.id), 0)::bigint AS raised_issue_id
FROM follow_ups f LEFT JOIN responses r ON r.follow_up_id = f.id
WHERE f.id = @id;

-- The answers that raised or joined an issue, with the version they were
-- answered on so the page can show each question's prompt.
-- name: IssueTriggerDetails :many
SELECT t.response_id, t.question_key, t.value, t.severity, t.created_at, r.captured_by, sv.body
FROM issue_triggers t
JOIN responses r ON r.id = t.response_id
JOIN script_versions sv ON sv.id = r.script_version_id
WHERE t.issue_id = @issue_id
ORDER BY t.created_at, t.response_id, t.question_key;

-- name: IssueNoteInsert :exec
INSERT INTO issue_notes (issue_id, author_id, body) VALUES (@issue_id, @author_id, @body);

-- name: IssueNoteList :many
SELECT n.id, n.body, n.created_at, coalesce(nullif(u.display_name, ''), u.username)::text AS author
FROM issue_notes n JOIN users u ON u.id = n.author_id
WHERE n.issue_id = @issue_id ORDER BY n.created_at, n.id;

-- The follow-up an agent raises an issue from by hand: only while they
-- hold its call, as for the call's other changes.
-- name: FollowUpHeldForIssue :one
SELECT id, sale_id, customer_id FROM follow_ups
WHERE id = @id AND state = 'claimed' AND claimed_by = @user_id AND claim_expires_at > now()
FOR NO KEY UPDATE;

-- Users who may be given an issue: service staff first.
-- name: UserListAssignable :many
SELECT id, username, display_name, role FROM users
WHERE role IN ('service', 'supervisor', 'admin') AND disabled_at IS NULL
ORDER BY role <> 'service', coalesce(nullif(display_name, ''), username);

-- name: UserAssignable :one
SELECT id FROM users
WHERE id = @id AND role IN ('service', 'supervisor', 'admin') AND disabled_at IS NULL;

-- name: AuditListForEntity :many
SELECT id, at, actor, entity, entity_key, before, after
FROM audit_log
WHERE entity = @entity AND entity_key = @entity_key
ORDER BY at, id;

-- name: RootCauseList :many
SELECT * FROM root_causes ORDER BY position, key;

-- name: RootCauseGet :one
SELECT * FROM root_causes WHERE key = @key;

-- name: RootCauseGetForUpdate :one
SELECT * FROM root_causes WHERE key = @key FOR UPDATE;

-- Two supervisors adding at once may get the same position; the order is
-- then by key, which is harmless.
-- name: RootCauseInsert :one
INSERT INTO root_causes (key, label_en, label_fa, position)
VALUES (@key, @label_en, @label_fa, (SELECT coalesce(max(position), 0) + 1 FROM root_causes))
ON CONFLICT (key) DO NOTHING
RETURNING *;

-- name: RootCauseUpdate :exec
UPDATE root_causes SET label_en = @label_en, label_fa = @label_fa, active = @active WHERE key = @key;

-- name: InboxAdd :exec
INSERT INTO inbox_entries (kind, issue_id) VALUES (@kind, @issue_id)
ON CONFLICT (kind, issue_id) DO NOTHING;

-- Unread first, then the newest.
-- name: InboxList :many
SELECT e.id, e.kind, e.issue_id, e.created_at, e.read_at,
       coalesce(nullif(u.display_name, ''), u.username, '')::text AS read_by_name,
       i.category, i.severity, i.state, i.deadline_at, c.name AS customer_name, s.branch
FROM inbox_entries e
JOIN issues i ON i.id = e.issue_id
JOIN customers c ON c.id = i.customer_id
JOIN sales s ON s.id = i.sale_id
LEFT JOIN users u ON u.id = e.read_by
ORDER BY e.read_at IS NOT NULL, e.created_at DESC, e.id DESC
LIMIT @max_rows;

-- name: InboxUnreadCount :one
SELECT count(*) FROM inbox_entries WHERE read_at IS NULL;

-- One entry, or (id 0) every entry up to the newest the reader was shown,
-- so an entry that arrived since is not marked read unseen.
-- name: InboxMarkRead :execrows
UPDATE inbox_entries SET read_at = now(), read_by = @user_id
WHERE read_at IS NULL AND (@id::bigint = 0 OR id = @id) AND id <= @up_to::bigint;
