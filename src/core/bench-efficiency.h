/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-efficiency.h — how close a generation run comes to its machine's
 * memory bandwidth.
 *
 * Generating a token reads the active weights and the KV cache once, so
 * bytes read per token × t/s is the bandwidth a run used; against the
 * machine's peak it is the run's share of the decode roofline. This file
 * holds the bytes-per-token model (dense, mixture-of-experts from the GGUF
 * header or estimated from the model type), the peak bandwidth table
 * (data/hardware-bandwidth.json, compiled in) with its matcher over
 * llama-bench's gpu_info/cpu_info, and the user's peaks per machine. */
#pragma once

#include <glib.h>

#include "bench-result.h"

G_BEGIN_DECLS

/* Where the weights read per token come from. */
typedef enum
{
  BENCH_WEIGHTS_UNKNOWN,      /* no model size */
  BENCH_WEIGHTS_DENSE,        /* every weight: model_size */
  BENCH_WEIGHTS_MOE_GGUF,     /* shared + used experts, from the GGUF header */
  BENCH_WEIGHTS_MOE_KNOWN,    /* a known model's published active parameters (estimate) */
  BENCH_WEIGHTS_MOE_TYPE,     /* active parameters the model type states (estimate) */
  BENCH_WEIGHTS_MOE_UNKNOWN,  /* a mixture of experts whose active share is unknown */
} BenchWeightsSource;

/* Why a run has no share of its peak. */
typedef enum
{
  BENCH_SHARE_KNOWN,
  BENCH_SHARE_NOT_GENERATION,  /* prefill is compute-bound */
  BENCH_SHARE_NO_BYTES,        /* bytes per token unknown */
  BENCH_SHARE_NO_PEAK,         /* the machine's peak is unknown */
  BENCH_SHARE_PEAK_RANGE,      /* the chip comes in variants: a range, ask the user */
  BENCH_SHARE_OFFLOADED,       /* experts or layers on the CPU: two memories */
  BENCH_SHARE_SEVERAL_MACHINES,/* RPC or unlike GPUs */
} BenchShareStatus;

/* What the GGUF header says about a model; 0 / NAN where unknown. */
typedef struct
{
  gint64   expert_count;        /* 0: dense */
  gint64   expert_used_count;
  double   expert_share;        /* fraction of weight bytes in expert tensors */
  guint64  kv_bytes_per_token;  /* full-attention layers, at the result's cache types */
  gint64   block_count;         /* layers */
  guint64  swa_kv_bytes_per_token; /* sliding-window layers: hold at most the window */
  gint64   sliding_window;
  gboolean expert_share_estimated; /* from the header's dims, not its tensors */
} BenchModelFacts;

typedef struct
{
  double       gbs;       /* peak GB/s; NAN unknown (the upper end of a range) */
  double       gbs_min;   /* == gbs unless the chip's variants differ */
  const char  *name;      /* the table's device name, NULL for a user entry */
  const char  *source;    /* where the figure comes from */
  const char  *url;
  gboolean     from_user;
} BenchPeak;

typedef struct
{
  BenchWeightsSource  weights_source;
  double              active_fraction;    /* of model_size read per token; NAN unknown */
  double              weight_bytes;       /* NAN unknown */
  double              kv_bytes_per_token; /* full-attention layers; NAN unknown */
  double              swa_kv_bytes_per_token; /* sliding-window layers */
  gint64              sliding_window;
  double              kv_bytes;           /* depth × KV per token; 0 at depth 0; NAN unknown */
  double              bytes_per_token;    /* weights (+ KV when known); NAN unknown */
  double              bandwidth_gbs;      /* bytes_per_token × t/s; NAN unknown */
  BenchPeak           peak;
  BenchShareStatus    status;
  double              share;              /* bandwidth / peak; NAN unless KNOWN */
  double              share_max;          /* against the low end of a peak range */
  gboolean            kv_omitted;         /* depth > 0 but the KV term is unknown */
  gboolean            weights_estimated;  /* the MoE share is an estimate */
  gboolean            two_memories;       /* experts or layers in CPU memory */
  gboolean            several_machines;   /* RPC, or unlike GPUs */
} BenchEfficiency;

/* Runs below this share of their roofline are flagged. */
#define BENCH_EFFICIENCY_LOW_SHARE 0.5

/* The active fraction of a model's weights from its type and parameter
 * count (no GGUF): FALSE for a dense model. For an MoE model sets
 * *source (MOE_KNOWN, MOE_TYPE or MOE_UNKNOWN) and *fraction (NAN when
 * unknown). */
gboolean    bench_model_type_active_fraction (const char         *model_type,
                                              gint64              n_params,
                                              BenchWeightsSource *source,
                                              double             *fraction);

/* The peak of hardware named by llama-bench's gpu_info / cpu_info in the
 * shipped table (no user entry). FALSE when no row matches. */
gboolean    bench_peak_lookup             (const char *gpu_info,
                                           const char *cpu_info,
                                           BenchPeak  *peak);
/* The user's peak for a machine (bench_result_get_hardware_key); NAN
 * clears it. Thread-safe; a user entry wins over the table. */
void        bench_peak_set_user           (const char *hardware_key,
                                           double      gbs);
double      bench_peak_get_user           (const char *hardware_key);
void        bench_peak_clear_user         (void);
/* the peak a result's machine has: user entry, else table */
void        bench_peak_for_result         (BenchResult *result,
                                           BenchPeak   *peak);

/* The efficiency of @result with @facts from its GGUF header (NULL: the
 * model file is looked up with bench_gguf_lookup, see bench-gguf.h). */
void        bench_efficiency_compute      (BenchResult           *result,
                                           const BenchModelFacts *facts,
                                           BenchEfficiency       *out);
/* The roofline speed at @depth, t/s: peak / (weights + depth × KV);
 * NAN when weights or peak are unknown (KV unknown: weights alone). */
double      bench_efficiency_roofline_ts  (const BenchEfficiency *eff,
                                           gint64                 depth);
/* KV cache bytes read per token at @depth: full layers × depth + sliding
 * layers × min (depth, window); NAN when unknown */
double      bench_efficiency_kv_bytes_at  (const BenchEfficiency *eff,
                                           gint64                 depth);
/* "412 GB/s · 81 %", "412 GB/s · 62–83 %", "412 GB/s", "—" */
char       *bench_efficiency_dup_text     (const BenchEfficiency *eff);
/* For a tooltip: how it was computed, what was estimated, why no share. */
char       *bench_efficiency_dup_explanation (const BenchEfficiency *eff);

G_END_DECLS
