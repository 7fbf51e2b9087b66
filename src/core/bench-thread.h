/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-thread.h — work that yields to the window.
 *
 * Reading a file takes every processor it can get, and on a machine of two
 * the window's own frames (and, without a GPU, the threads that rasterize
 * them) waited their turn: the main loop went 100 ms without running, again
 * and again, while 100,000 results loaded. A background thread runs at a
 * lower priority (nice 10 on Linux), so it takes only the time the window
 * leaves; the threads it starts inherit that. Its own thread, never one of
 * GLib's shared pool: an unprivileged thread cannot raise its priority
 * again, and the pool's threads go on to other work. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void bench_task_run_in_background_thread (GTask           *task,
                                          const char      *name,
                                          GTaskThreadFunc  func);

int  bench_thread_get_nice               (void);

G_END_DECLS
