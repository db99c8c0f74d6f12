#!/usr/bin/env bash
# The image's build steps, in one place for infra/Dockerfile and `make prod-check`, so that the two cannot
# drift. Run it at the root of a build context (the repo as .dockerignore lets it through):
#   build-service.sh fetch                   every package of pnpm-lock.yaml into pnpm's store; reads only the
#                                            lockfile, so the Dockerfile runs it in a layer of its own
#   build-service.sh deploy OUT SERVICE...   offline install, build each SERVICE with its workspace packages,
#                                            and deploy each with its production dependencies into OUT/SERVICE
# PNPM names the pnpm command (default `pnpm`; prod-check passes the Makefile's `npx --yes pnpm@9.15.9`).
set -euo pipefail
read -r -a pnpm <<<"${PNPM:-pnpm}"

usage() {
  echo "usage: $0 fetch | $0 deploy OUT SERVICE... (SERVICE: a folder of services/, or console)" >&2
  exit 2
}

fetch() {
  "${pnpm[@]}" fetch
}

deploy() {
  local out="$1" service filters=()
  shift
  (($# > 0)) || usage
  for service in "$@"; do
    # A service of services/, or the console, which has a folder of its own.
    [[ -f "services/$service/package.json" || "$service" == console ]] || usage
    filters+=(--filter "@course-platform/$service...")
  done
  "${pnpm[@]}" install --frozen-lockfile --offline
  # One build for all of them: the workspace packages they share are compiled once.
  "${pnpm[@]}" "${filters[@]}" run build
  for service in "$@"; do
    # Only the files each package.json's `files` lists, and no devDependency: what the image runs, nothing else.
    "${pnpm[@]}" --filter "@course-platform/$service" deploy --prod "$out/$service"
    drop_links_out_of "$out/$service"
  done
}

# pnpm's hoisting folder links the deployed package's name back to its workspace folder; copied into the
# image, such a link points nowhere, so it goes now and nothing can resolve through it while checked.
drop_links_out_of() {
  local folder link
  folder="$(realpath "$1")"
  while IFS= read -r -d '' link; do
    case "$(realpath -m "$link")" in
      "$folder" | "$folder"/*) ;;
      *) rm "$link" ;;
    esac
  done < <(find "$folder" -type l -print0)
}

case "${1:-}" in
  fetch) fetch ;;
  deploy) (($# >= 3)) || usage; shift; deploy "$@" ;;
  *) usage ;;
esac
