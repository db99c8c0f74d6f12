-- The course platform's roles and schemas. Run inside database course_platform (or a test database) as a
-- superuser; running it again changes nothing. Each service role owns exactly one schema and has no
-- privilege on the others. Passwords are not set here: infra/postgres/init.sh sets them from the environment.
DO $$
DECLARE
  service text;
BEGIN
  FOREACH service IN ARRAY ARRAY['videos', 'courses', 'users'] LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN', service || '_service');
    EXCEPTION
      -- Roles are cluster-wide: another database, or a concurrent run, may have created it already.
      WHEN duplicate_object OR unique_violation THEN NULL;
    END;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service || '_service');
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, service || '_service');
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
    -- Per database, not role-wide: role-wide settings share one catalog row, and concurrent runs (parallel
    -- test databases) then fail with "tuple concurrently updated".
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', service || '_service', current_database(), service);
    -- No statement of a service may hold a connection, a lock or a transaction open without end: a request
    -- stuck on a lock answers 503 instead of queueing every other one behind it. Generous, so only a stuck
    -- statement meets them; the handlers' own time limit (HANDLER_TIMEOUT_MS) is shorter still. A migration
    -- that needs longer says so itself (SET LOCAL statement_timeout in its transaction).
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET statement_timeout = %L', service || '_service', current_database(), '30s');
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET lock_timeout = %L', service || '_service', current_database(), '10s');
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET idle_in_transaction_session_timeout = %L', service || '_service', current_database(), '60s');
  END LOOP;
END
$$;

-- Nobody but the owner creates objects in public, so a service cannot leave tables outside its schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
