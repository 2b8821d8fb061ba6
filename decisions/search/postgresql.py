"""PostgreSQL: a stored generated tsvector column (English stemming) with a GIN index."""

TABLE = "decisions_decision"
COLUMN = "search_vector"
INDEX = "decisions_decision_search_gin"

# Reference and organisation rank above the summary, the summary above the body. The body is
# left at the default weight (D): weighting it too would copy its large vector once more.
VECTOR = (
    "setweight(to_tsvector('english'::regconfig, reference || ' ' || organisation_names), 'A') || "
    "setweight(to_tsvector('english'::regconfig, summary), 'B') || "
    "to_tsvector('english'::regconfig, body)"
)


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({VECTOR}) STORED"
        )
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ({COLUMN})")


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}")


def ensure_index(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [INDEX])
        if cursor.fetchone():
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
