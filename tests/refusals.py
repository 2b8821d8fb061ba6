"""The database itself refusing a write, as a real write failure would, for the tests of what a
refused write leaves behind."""

from django.db import connection

REFUSED = "refused by test trigger"


def refuse_inserts(table: str, condition: str) -> None:
    """Have the database refuse each row inserted into `table` for which `condition` (SQL over
    the new row, as `new.column`) holds."""
    name = f"refuse_{table}"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
            )
        else:
            cursor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF {condition} THEN RAISE EXCEPTION '{REFUSED}'; END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER {name} BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
