#!/bin/sh
# Prepare the database and static files, then run the command (gunicorn by default).
set -e
if [ "$1" = "gunicorn" ]; then
  python manage.py migrate --noinput
  python manage.py collectstatic --noinput --verbosity 0
  # The ranking index lives on the app's volume; built here if the volume is new.
  python manage.py rank_decisions
fi
exec "$@"
