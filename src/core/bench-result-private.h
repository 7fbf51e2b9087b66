/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-result-private.h — the instance struct of BenchResult, for the
 * record builder and the readers in core. Nothing outside src/core includes it.
 */
#pragma once

#include "bench-result.h"
#include "bench-str-pool.h"

G_BEGIN_DECLS

struct _BenchResult
{
  GObject        parent_instance;

  BenchStrPool  *pool;            /* owns every const char * below */

  const char    *source;
  BenchFormat    format;
  guint          line;
  guint          run_index;

  const char    *build_commit;
  gint64         build_number;
  const char    *cpu_info;
  const char    *gpu_info;
  const char    *backends;

  const char    *model_filename;
  const char    *model_type;
  gint64         model_size;
  gint64         model_n_params;

  gint64         n_prompt;
  gint64         n_gen;
  gint64         n_depth;
  const char    *test_time;

  double         avg_ns;
  double         stddev_ns;
  double         avg_ts;
  double         stddev_ts;
  double         stated_avg_ns;
  double         stated_stddev_ns;
  double         stated_avg_ts;
  double         stated_stddev_ts;

  guint          n_samples;
  gint64        *samples_ns;      /* n_samples, or NULL */
  double        *samples_ts;      /* n_samples, or NULL */

  guint          n_params;
  BenchParam    *params;
  /* with many parameters: their indexes in key order, for lookups by
   * bisection (NULL when there are few) */
  guint         *params_by_key;

  /* derived, filled by the builder */
  const char    *test_label;
  const char    *quantization;
  const char    *hardware_key;
  const char    *hardware_label;
  gint8          flash_attn;
  guint          stats_mismatch : 1;
};

G_END_DECLS
