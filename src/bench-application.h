/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-application.h — the Benchtop application: actions, shortcuts,
 * windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BENCH_TYPE_APPLICATION (bench_application_get_type ())
G_DECLARE_FINAL_TYPE (BenchApplication, bench_application, BENCH, APPLICATION, AdwApplication)

BenchApplication *bench_application_new          (void);
/* The application's settings: the installed schema, or when run from
 * the build tree the one compiled there. */
GSettings        *bench_application_settings_new (void);

G_END_DECLS
