#!/bin/sh
# Prepare the database and static files, then run the command (gunicorn by default).
set -e
if [ "$1" = "gunicorn" ]; then
  python manage.py migrate --noinput
  python manage.py collectstatic --noinput --verbosity 0
  # The ranking index lives on the app's volume; built here if the volume is new. Should it
  # fail, the site still starts: the database ranks searches until it is in step.
  python manage.py rank_decisions || echo "The ranking index is not in step; see above." >&2
fi
exec "$@"
