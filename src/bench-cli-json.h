/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cli-json.h — the JSON Lines writers the command's outputs share
 * (--list --json, --summary --json, --scenario --json), so a field prints
 * the same way wherever it appears. Private to src/bench-cli*.c. */
#pragma once

#include <glib.h>

#include "bench-result.h"

G_BEGIN_DECLS

/* @text as a JSON string, quoted and escaped */
void bench_cli_append_json_string (GString          *out,
                                   const char       *text);
/* ", " unless @out holds only "{", then "key": */
void bench_cli_append_json_key    (GString          *out,
                                   const char       *key);
/* "key": value, typed as the file typed it ("nan" and NULL as null) */
void bench_cli_append_json_param  (GString          *out,
                                   const BenchParam *param);

G_END_DECLS
