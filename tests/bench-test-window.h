/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-test-window.h — what the window tests share. */
#pragma once

#include <gtk/gtk.h>

#include "bench-window.h"

G_BEGIN_DECLS

/* Waits (30 s at most) until @window has loaded what it was given and
 * the views have settled; fails the test if it has not. */
void bench_test_wait_until_loaded (BenchWindow *window);
/* With BENCHTOP_SCREENSHOT_DIR set, saves what @widget shows as
 * DIR/@name once transitions are over (the pictures the project looks
 * at, and the metainfo's screenshots); nothing when @name is NULL. */
void bench_test_screenshot        (GtkWidget   *widget,
                                   const char  *name);

G_END_DECLS
