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
/* What the GGUF header of @result's model file says, FALSE when the file
 * is not known (bench_gguf_lookup). */
gboolean    bench_model_facts_for_result     (BenchResult     *result,
                                              BenchModelFacts *facts);

G_END_DECLS
