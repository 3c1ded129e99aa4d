-- Branches and the spellings that map to them (migration 00018).

-- name: BranchList :many
SELECT id, code, name_en, name_fa, created_at FROM branches ORDER BY code;

-- name: BranchGetForUpdate :one
SELECT id, code, name_en, name_fa, created_at FROM branches WHERE id = @id FOR UPDATE;

-- name: BranchSetNames :exec
UPDATE branches SET name_en = @name_en, name_fa = @name_fa WHERE id = @id;

-- The branch a spelling maps to, if any; a filter typed by hand or an
-- old link names a branch by a spelling.
-- name: BranchBySpelling :one
SELECT branch_id FROM branch_aliases WHERE key = branch_key(@spelling::text);

-- The demo's branches: one identity with both names, each a spelling.
-- name: BranchEnsure :one
WITH b AS (
    INSERT INTO branches (code, name_en, name_fa) VALUES (@code, @name_en, @name_fa)
    ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_fa = EXCLUDED.name_fa
    RETURNING id
)
INSERT INTO branch_aliases (key, branch_id)
SELECT DISTINCT branch_key(k), b.id FROM b, unnest(ARRAY[@code::text, @name_en::text, @name_fa::text]) k
WHERE branch_key(k) <> ''
ON CONFLICT (key) DO UPDATE SET branch_id = EXCLUDED.branch_id
RETURNING branch_id;

-- Merging branch from into branch into: its sales, follow-ups, issues,
-- rolled-up days and spellings move over; then it goes. These touch every
-- row of the merged branch once: a rare, deliberate change.
-- name: BranchMergeSales :execrows
UPDATE sales SET branch_id = @into_id WHERE branch_id = @from_id;

-- name: BranchMergeFollowUps :execrows
UPDATE follow_ups SET branch_id = @into_id WHERE branch_id = @from_id;

-- name: BranchMergeIssues :exec
UPDATE issues SET branch_id = @into_id WHERE branch_id = @from_id;

-- name: BranchMergeReportDays :exec
INSERT INTO report_days (day, branch_id, category, script, due, completed, unreachable, ended, silent,
                         rating_n, rating_top, nps_n, nps_promoters, nps_detractors)
SELECT d.day, @into_id::bigint, d.category, d.script, d.due, d.completed, d.unreachable, d.ended, d.silent,
       d.rating_n, d.rating_top, d.nps_n, d.nps_promoters, d.nps_detractors
FROM report_days d WHERE d.branch_id = @from_id::bigint
ON CONFLICT (day, branch_id, category, script) DO UPDATE SET
    due = report_days.due + EXCLUDED.due, completed = report_days.completed + EXCLUDED.completed,
    unreachable = report_days.unreachable + EXCLUDED.unreachable, ended = report_days.ended + EXCLUDED.ended,
    silent = report_days.silent + EXCLUDED.silent, rating_n = report_days.rating_n + EXCLUDED.rating_n,
    rating_top = report_days.rating_top + EXCLUDED.rating_top, nps_n = report_days.nps_n + EXCLUDED.nps_n,
    nps_promoters = report_days.nps_promoters + EXCLUDED.nps_promoters,
    nps_detractors = report_days.nps_detractors + EXCLUDED.nps_detractors;

-- name: BranchDropReportDays :exec
DELETE FROM report_days WHERE branch_id = @from_id;

-- name: BranchMergeRecoveryDays :exec
INSERT INTO recovery_days (due_day, anchor_day, branch_id, category, outcome, units, bought30, bought90, bought180)
SELECT d.due_day, d.anchor_day, @into_id::bigint, d.category, d.outcome, d.units, d.bought30, d.bought90, d.bought180
FROM recovery_days d WHERE d.branch_id = @from_id::bigint
ON CONFLICT (due_day, anchor_day, branch_id, category, outcome) DO UPDATE SET
    units = recovery_days.units + EXCLUDED.units, bought30 = recovery_days.bought30 + EXCLUDED.bought30,
    bought90 = recovery_days.bought90 + EXCLUDED.bought90, bought180 = recovery_days.bought180 + EXCLUDED.bought180;

-- name: BranchDropRecoveryDays :exec
DELETE FROM recovery_days WHERE branch_id = @from_id;

-- name: BranchMergeAliases :exec
UPDATE branch_aliases SET branch_id = @into_id WHERE branch_id = @from_id;

-- name: BranchDelete :exec
DELETE FROM branches WHERE id = @id;

-- A branch's names are spellings of it too, unless another branch has
-- them already (merging is how two branches become one).
-- name: BranchAddSpellings :exec
INSERT INTO branch_aliases (key, branch_id)
SELECT branch_key(k), @id FROM unnest(@spellings::text[]) k WHERE branch_key(k) <> ''
ON CONFLICT (key) DO NOTHING;
