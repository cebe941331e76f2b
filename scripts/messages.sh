#!/usr/bin/env bash
# Extract the strings to translate into the English catalogues, then compile them.
#
#   scripts/messages.sh                      every catalogue: the project's (locale/) and each app's
#   scripts/messages.sh project              only the project's catalogue (locale/)
#   scripts/messages.sh renshe/labour/wages  one app's catalogue (renshe/<app>/locale/en/LC_MESSAGES/django.po)
#
# The project catalogue holds the first modules' strings; every later app keeps its own, so that
# people working on different apps never edit the same file. An app directory that contains another
# app with its own catalogue leaves that one to it. Tests and browser tests are never extracted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ADMIN=$ROOT/.venv/bin/django-admin
COMMON=(-l en --no-obsolete --ignore='tests/*' --ignore='*/tests/*' --ignore='migrations/*')

app_dirs() { find renshe -path '*/locale/en/LC_MESSAGES/django.po' | sed 's#/locale/en/LC_MESSAGES/django.po##' | sort; }

nested_ignores() {  # --ignore for each app with its own catalogue inside $1
  local dir=$1 other
  for other in $(app_dirs); do
    if [[ $other != "$dir" && $other == "$dir"/* ]]; then echo "--ignore=${other#"$dir"/}"; fi
  done
}

extract_app() {
  local dir=${1%/}
  [[ -f $dir/locale/en/LC_MESSAGES/django.po ]] || { echo "no catalogue in $dir/locale" >&2; exit 2; }
  # Without settings, makemessages writes to the app's own locale/ directory.
  local nested
  nested=$(nested_ignores "$dir")
  # shellcheck disable=SC2086  # one --ignore per word
  (cd "$dir" && env -u DJANGO_SETTINGS_MODULE "$ADMIN" makemessages "${COMMON[@]}" $nested >/dev/null)
  echo "extracted: $dir/locale/en/LC_MESSAGES/django.po"
}

extract_project() {
  local ignores=(--ignore=.venv --ignore=var --ignore=static --ignore=tests_browser --ignore=bench)
  local dir
  for dir in $(app_dirs); do ignores+=("--ignore=$dir"); done
  DJANGO_SETTINGS_MODULE=renshe.settings .venv/bin/python manage.py makemessages "${COMMON[@]}" "${ignores[@]}" >/dev/null
  echo "extracted: locale/en/LC_MESSAGES/django.po"
}

if [[ ${1:-} == project ]]; then
  extract_project
elif [[ $# -gt 0 ]]; then
  for dir in "$@"; do extract_app "$dir"; done
else
  extract_project
  for dir in $(app_dirs); do extract_app "$dir"; done
fi
(cd renshe && ../.venv/bin/python ../manage.py compilemessages -l en >/dev/null)
