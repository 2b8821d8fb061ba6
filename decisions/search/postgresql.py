"""PostgreSQL: a tsvector column (English stemming) with a GIN index, filled by a trigger.

A trigger rather than a generated column, so that later migrations can still alter the
columns it reads (PostgreSQL refuses to alter a column a generated column uses).
"""

TABLE = "decisions_decision"
COLUMN = "search_vector"
INDEX = "decisions_decision_search_gin"
FUNCTION = "decisions_decision_search_vector"
TRIGGER = "decisions_decision_search_vector"

# Reference and organisation rank above the summary, the summary above the body. The body is
# left at the default weight (D): weighting it too would copy its large vector once more.
VECTOR = (
    "setweight(to_tsvector('english'::regconfig, "
    "coalesce({row}reference, '') || ' ' || coalesce({row}organisation_names, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce({row}summary, '')), 'B') || "
    "to_tsvector('english'::regconfig, coalesce({row}body, ''))"
)

COLUMNS = ("reference", "organisation_names", "summary", "body")
CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in COLUMNS)


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector")
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP = 'INSERT' OR {CHANGED} THEN "
            f"NEW.{COLUMN} := {VECTOR.format(row='NEW.')}; END IF; RETURN NEW; END $$"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
        # No column list (UPDATE OF ...): that would make the columns undroppable, unalterable.
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )
        cursor.execute(f"UPDATE {TABLE} SET {COLUMN} = {VECTOR.format(row='')}")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ({COLUMN})")


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}")


def ensure_index(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM pg_indexes WHERE indexname = %s) "
            "+ (SELECT count(*) FROM pg_trigger WHERE tgname = %s)",
            [INDEX, TRIGGER],
        )
        if cursor.fetchone()[0] == 2:
            return False
    create_index(connection)
    return True


def ids_matching_words(connection, words: list[str]) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {TABLE} WHERE {COLUMN} @@ plainto_tsquery('english', %s)",
            [" ".join(words)],
        )
        return {row[0] for row in cursor.fetchall()}
