-- name: UserSetLanguages :execrows
UPDATE users SET languages = @languages::text[], updated_at = now() WHERE id = @id;
