"""SQLite: an external-content FTS5 table over the decision table, kept in step by triggers."""

TABLE = "decisions_decision"
INDEX = "decisions_decision_fts"
COLUMNS = ("reference", "organisation_names", "summary", "body")
TRIGGERS = (f"{INDEX}_insert", f"{INDEX}_delete", f"{INDEX}_update")

_columns = ", ".join(COLUMNS)
_new = ", ".join(f"new.{column}" for column in COLUMNS)
_old = ", ".join(f"old.{column}" for column in COLUMNS)

CREATE_STATEMENTS = (
    # content= avoids storing the text twice; porter gives English stemming.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5({_columns}, content='{TABLE}', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_insert AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}(rowid, {_columns}) VALUES (new.id, {_new}); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_delete AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {_columns}) VALUES ('delete', old.id, {_old}); END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_update AFTER UPDATE OF {_columns} ON {TABLE} BEGIN "
    f"INSERT INTO {INDEX}({INDEX}, rowid, {_columns}) VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO {INDEX}(rowid, {_columns}) VALUES (new.id, {_new}); END",
)


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in CREATE_STATEMENTS:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')")


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for trigger in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {INDEX}")


def ensure_index(connection) -> bool:
    # Django rebuilds a SQLite table to alter it, which drops the table's triggers.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
            TRIGGERS,
        )
        if cursor.fetchone()[0] == len(TRIGGERS):
            return False
    create_index(connection)
    return True


def ids_matching_words(connection, words: list[str]) -> set[int]:
    # Each word quoted, so it is a term and never FTS5 syntax.
    query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s", [query])
        return {row[0] for row in cursor.fetchall()}
