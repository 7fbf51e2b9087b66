/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cli.h — the headless side of the benchtop command: options that
 * work with no display and never start GTK. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for something the command line does on its own. */
gboolean bench_cli_is_headless (int    argc,
                                char **argv);
/* Runs it; returns the exit status (0 ok, 1 a file failed, 2 bad usage). */
int      bench_cli_run         (int    argc,
                                char **argv);

G_END_DECLS
