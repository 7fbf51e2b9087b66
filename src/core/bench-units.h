/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-units.h — numbers written for people: sizes, parameter counts,
 * rates. Shared by the command line, the views and the charts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "12.52 MiB", "4.92 GiB" (binary units, as llama-bench prints) */
char *bench_format_size    (gint64 bytes);
/* "6.56 M", "8.03 B" (decimal units, as llama-bench prints) */
char *bench_format_params  (gint64 n_params);
/* "1234.56 ± 7.89": llama-bench's own two decimals */
char *bench_format_rate    (double avg,
                            double stddev);
/* "1.2k", "950", "12", "1.5M": short axis labels */
char *bench_format_compact (double value);

/* Longest label and tooltip shown, in characters: text laid out on the
 * main thread must not grow with the input (a 5 MB model name froze the
 * window for 40 s). */
#define BENCH_DISPLAY_MAX_CHARS 200
#define BENCH_TOOLTIP_MAX_CHARS 1000

/* @text shortened for display: at most @max_chars characters, the cut
 * marked with "…"; invalid UTF-8 made valid. Looks at no more than
 * @max_chars characters of @text, however long it is. NULL gives NULL. */
char *bench_text_ellipsize_for_display (const char *text,
                                        gsize       max_chars);

G_END_DECLS
