#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screenshots.sh — pictures of the app on a mixed folder of real results,
# light and dark, at 1600×1000, 800×600 and 420×800, in every view, plus
# exported charts in every style.
#
#   tests/screenshots.sh BUILD_DIR OUT_DIR [FILES…]
#
# Without FILES, a mixed folder is assembled from ../shared/corpus (19 real
# files of several machines and formats, one broken file, one text file).
# Needs xvfb-run, dbus-run-session and ImageMagick's `import`.
set -eu
build=$(realpath "$1")
out=$(realpath -m "$2")
shift 2
src=$(dirname "$(realpath "$0")")/..
corpus=$src/../shared/corpus
mkdir -p "$out"

if [ $# -eq 0 ]; then
  mixed=$out/mixed
  rm -rf "$mixed"
  mkdir -p "$mixed"
  for f in generated/cpu-three-models.json generated/cpu-sweep-prompt-depth.jsonl \
           generated/cpu-threads-fa.sql \
           public/msb-rtx3090-cuda-ncmoe-threads-sweep-harness-wrapped.json \
           public/issue-llamacpp-4766-rtx4090-cuda-3-models-2024-overflow-truncated.md \
           public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md \
           public/issue-llamacpp-25547-m5-blas-mtl-r1-zero-stddev.md \
           public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl \
           public/strix-halo-gpt-oss-20b.default-hip.jsonl \
           public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json \
           public/ik399-gtx1650s-cuda-blas-qwen3moe-ot-exps-cpu.md \
           public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv \
           public/docs-llamacpp-readme-2026-llama_bench-table-edited.sql \
           public/ik273-deepseek-r1-671b-cpu-threads-sweep.md \
           public/kyuz0-strixhalo-vulkan-radv-qwen36-35b-a3b-longctx.md \
           public/strix-halo-llama32-1b.default-hip.jsonl \
           public/issue-llamacpp-5835-handedited-backend-names-compact.md \
           converted/talk-step35-flash.csv \
           public/ik399-handmerged-framework-comparison-malformed.md; do
    cp "$corpus/$f" "$mixed/"
  done
  printf '{"build_commit": "abc", "model_type": "broken' > "$mixed/broken.json"
  printf 'just some notes about benchmarks\n' > "$mixed/notes.txt"
  set -- "$mixed"/*
fi

export GSETTINGS_SCHEMA_DIR=$build/data
export LANGUAGE=C
export GDK_BACKEND=x11
export NO_AT_BRIDGE=1

# one window: style, width, height, view, files
shoot () {
  style=$1 w=$2 h=$3 view=$4
  shift 4
  conf=$(mktemp -d)
  name=$out/window-$view-$style-${w}x$h.png
  XDG_CONFIG_HOME=$conf GSETTINGS_BACKEND=keyfile sh -c "
    gsettings set io.github.benchtop.Benchtop window-width $w
    gsettings set io.github.benchtop.Benchtop window-height $h
    gsettings set io.github.benchtop.Benchtop view $view"
  if [ "$style" = dark ]; then scheme=prefer-dark; theme=Adwaita:dark; else scheme=default; theme=Adwaita; fi
  XDG_CONFIG_HOME=$conf GSETTINGS_BACKEND=keyfile GTK_THEME=$theme \
    xvfb-run -a -s "-screen 0 1700x1100x24" dbus-run-session -- sh -c '
      "$0" "$@" & app=$!
      sleep 12
      import -window root "'"$name"'.full.png"
      kill $app' "$build/src/benchtop" "$@" 2>/dev/null || true
  # the window sits at the top left corner of the screen
  convert "$name.full.png" -crop "${w}x$h+0+0" +repage "$name" && rm -f "$name.full.png"
  rm -rf "$conf"
  echo "$name"
}

for style in light dark; do
  for size in 1600x1000 800x600 420x800; do
    w=${size%x*} h=${size#*x}
    for view in models hardware runs; do
      shoot $style $w $h $view "$@"
    done
  done
done

# exports, one per style, through the command line
for style in light dark transparent transparent-dark; do
  for ext in png pdf; do
    "$build/src/benchtop" --export="$out/export-$style.$ext" --style=$style --size=1920x1080 "$@" \
      >/dev/null 2>&1 || true
    echo "$out/export-$style.$ext"
  done
done

# one file's sweep: ROCm and Vulkan runs of one model, light and dark
for style in light dark; do
  "$build/src/benchtop" --export="$out/export-sweep-rocm-vulkan-$style.png" --style=$style --size=1600x900 \
    "$corpus/public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl" >/dev/null 2>&1 || true
  echo "$out/export-sweep-rocm-vulkan-$style.png"
done
