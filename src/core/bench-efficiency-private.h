/* bench-efficiency-private.h — for core and tests: the computation with
 * given facts and peak, the table parser, the GGUF hook. */
#pragma once

#include <gio/gio.h>

#include "bench-efficiency.h"

G_BEGIN_DECLS

void        bench_core_register_resource     (void);

void        bench_efficiency_compute_with    (BenchResult           *result,
                                              const BenchModelFacts *facts,
                                              const BenchPeak       *peak,
                                              BenchEfficiency       *out);
/* GPtrArray of devices, NULL with @error for a malformed table */
GPtrArray  *bench_peak_table_parse           (GBytes  *bytes,
                                              GError **error);
/* Where bench_efficiency_compute finds a model's facts when it is given
 * none (the GGUF reader); the provider returns g_malloc'd facts or NULL. */
void        bench_efficiency_set_facts_provider (BenchModelFacts *(*provider) (BenchResult *result));

G_END_DECLS
