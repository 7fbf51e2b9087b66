/* SPDX-License-Identifier: GPL-3.0-or-later */
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
/* What an efficiency depends on besides depth and speed: the model file
 * and type, the machine, the cache types and offloads, by their interned
 * texts (pointers): two results with equal setups (memcmp) have the same
 * bytes and peak. Unequal pointers of equal texts (two files) only cost a
 * recomputation. */
typedef struct
{
  const char *model_type, *model_filename, *hardware_key;
  gint64      size, n_params;
  const char *type_k, *type_v, *ngl, *n_cpu_moe, *overrides;
} BenchEfficiencySetup;

void        bench_efficiency_setup_of        (BenchResult          *result,
                                              BenchEfficiencySetup *setup);
/* The efficiency of @result from @like's, computed for a result of the
 * same setup: only depth and speed are read again. */
void        bench_efficiency_compute_like    (BenchResult           *result,
                                              const BenchEfficiency *like,
                                              BenchEfficiency       *out);
/* GPtrArray of devices, NULL with @error for a malformed table */
GPtrArray  *bench_peak_table_parse           (GBytes  *bytes,
                                              GError **error);
/* What the GGUF header of @result's model file says, FALSE when the file
 * is not known (bench_gguf_lookup). */
gboolean    bench_model_facts_for_result     (BenchResult     *result,
                                              BenchModelFacts *facts);

G_END_DECLS
