-- +goose Up

-- A published version is what responses point at; reports over a script's
-- history are only true if it never changes. The application never updates
-- one; this makes sure nothing else does either.
-- +goose StatementBegin
CREATE FUNCTION script_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL AND (NEW.body IS DISTINCT FROM OLD.body
        OR NEW.published_at IS DISTINCT FROM OLD.published_at
        OR NEW.number IS DISTINCT FROM OLD.number
        OR NEW.script_id IS DISTINCT FROM OLD.script_id) THEN
        RAISE EXCEPTION 'script version % is published and cannot change', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER script_versions_immutable BEFORE UPDATE ON script_versions
    FOR EACH ROW EXECUTE FUNCTION script_versions_immutable();

-- +goose Down
DROP TRIGGER script_versions_immutable ON script_versions;
DROP FUNCTION script_versions_immutable();
