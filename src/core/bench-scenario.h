/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario.h — will it fit, how long will my work take, does it meet
 * my minimum? Predictions for a workload from measured llama-bench results.
 *
 * A candidate is one model on one machine, build and settings: results are
 * grouped on every field except the test's own (n_prompt, n_gen, n_depth)
 * and the measurements, so two machines or builds are never pooled.
 *
 * Prefill: a pp test of P tokens at depth d gives the time per token of a
 * prompt of that size at that depth. A prompt is predicted from the measured
 * sizes around it (interpolated in log size) at its depth (interpolated
 * piecewise in log depth); a prompt longer than every measured one is
 * prefilled in chunks of the largest measured size, each at its own depth.
 *
 * Generation: a tg test of N tokens at depth d gives the mean time per token
 * over the context d … d+N, i.e. the time per token at context d + N/2; the
 * time per token is interpolated linearly in context between those points and
 * integrated over the answer (which is written from depth + prompt on).
 *
 * Beyond what was measured the prediction is marked extrapolated, never
 * silently trusted.
 */
#pragma once

#include <glib.h>

#include "bench-result.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_SCENARIO_NO,
  BENCH_SCENARIO_YES,
  BENCH_SCENARIO_UNKNOWN,
} BenchScenarioAnswer;

typedef struct
{
  gint64 prompt;    /* tokens prefilled (0: none) */
  gint64 answer;    /* tokens generated (0: none) */
  gint64 depth;     /* tokens already in the cache when the prompt arrives */
  gint64 context;   /* context that must fit; 0: depth + prompt + answer */
} BenchWorkload;

typedef struct
{
  double      min_gen_ts;     /* NAN: no minimum */
  double      max_ttft_s;     /* NAN: no limit */
  double      memory_gb;      /* NAN: no budget */
  double      gpu_memory_gb;  /* NAN: no separate GPU memory */
  /* hardware key (bench_result_get_hardware_key) → double * GB: a budget
   * entered for one machine; optional */
  GHashTable *machine_memory_gb;
  /* KV cache bytes per token for every candidate, when known by other
   * means (tests); 0: ask the model file */
  guint64     kv_bytes_per_token;
} BenchRequirements;

void bench_requirements_init (BenchRequirements *self);

/* the compute buffers llama.cpp allocates besides weights and KV cache */
#define BENCH_SCENARIO_ALLOWANCE_BASE   (512.0 * 1024 * 1024)
#define BENCH_SCENARIO_ALLOWANCE_UBATCH (256.0 * 1024)
double bench_scenario_compute_allowance (gint64 n_ubatch);

typedef struct _BenchScenarioCandidate BenchScenarioCandidate;

/* Groups @results (BenchResult) into candidates, in order of first
 * appearance; a GPtrArray owning BenchScenarioCandidate. */
GPtrArray   *bench_scenario_candidates_new       (GPtrArray *results);
void         bench_scenario_candidate_free       (BenchScenarioCandidate *self);
BenchScenarioCandidate *bench_scenario_candidate_new (BenchResult **results,
                                                      guint         n_results);

BenchResult *bench_scenario_candidate_get_example (BenchScenarioCandidate *self);
GPtrArray   *bench_scenario_candidate_get_results (BenchScenarioCandidate *self);
const char  *bench_scenario_candidate_get_key     (BenchScenarioCandidate *self);
/* "gpt-oss 20B MXFP4 MoE · Radeon 8060S · ROCm · fa 1": what tells it apart
 * from the other candidates (set by bench_scenario_candidates_new) */
const char  *bench_scenario_candidate_get_label   (BenchScenarioCandidate *self);
/* the worst ratio between repeats of one test under identical fields (1:
 * none), and that test's label */
double       bench_scenario_candidate_get_repeat_ratio (BenchScenarioCandidate *self,
                                                        const char            **test);

/* Time to prefill @prompt tokens at @depth, ns (NAN when there are no
 * prefill tests); @rel_sd its relative standard deviation. */
double       bench_scenario_candidate_prefill_ns (BenchScenarioCandidate *self,
                                                  gint64                  prompt,
                                                  gint64                  depth,
                                                  double                 *rel_sd,
                                                  gboolean               *extrapolated);
/* Time to generate @answer tokens from context @start, ns; with @answer 0,
 * the time per token at @start. NAN when there are no generation tests. */
double       bench_scenario_candidate_generation_ns (BenchScenarioCandidate *self,
                                                     gint64                  answer,
                                                     gint64                  start,
                                                     double                 *rel_sd,
                                                     gboolean               *extrapolated);
/* A measured pg test of exactly this prompt, answer and depth, ns (NAN if none) */
double       bench_scenario_candidate_measured_pg_ns (BenchScenarioCandidate *self,
                                                      gint64                  prompt,
                                                      gint64                  answer,
                                                      gint64                  depth,
                                                      double                 *sd_ns);

typedef struct
{
  BenchScenarioCandidate *candidate;   /* not owned */
  double   ttft_s, ttft_sd_s;
  double   gen_ts, gen_sd_ts;
  double   answer_s, answer_sd_s;
  double   total_s, total_sd_s;
  gboolean extrapolated;
  gboolean measured;        /* the total is a measured pg test */
  gint64   context;         /* tokens that must fit */
  double   end_gen_ts;      /* generation speed at the end of that context,
                             * when a minimum asks and it lies beyond the
                             * answer; else NAN */
  double   memory_gb;       /* NAN when the KV cache size is unknown */
  double   weights_gb;
  double   budget_gb;       /* NAN: none */
  BenchScenarioAnswer fits;
  BenchScenarioAnswer meets;
  char    *reason;          /* why not, or what is unknown; "" when it meets */
  char    *command;         /* the llama-bench command that measures this
                             * workload; NULL when nothing is extrapolated */
} BenchScenarioPrediction;

void         bench_scenario_prediction_free (BenchScenarioPrediction *self);

BenchScenarioPrediction *bench_scenario_predict (BenchScenarioCandidate  *candidate,
                                                 const BenchWorkload     *workload,
                                                 const BenchRequirements *requirements);

/* Every candidate predicted and ranked: meets first, then unknown, then
 * not; within each by total time. Owns its predictions, which point at
 * @candidates. */
GPtrArray   *bench_scenario_rank (GPtrArray               *candidates,
                                  const BenchWorkload     *workload,
                                  const BenchRequirements *requirements);

/* llama-bench -m MODEL -p P -n A -d … -r 3 -o jsonl and the candidate's
 * settings as flags */
char        *bench_scenario_dup_command (BenchScenarioCandidate *candidate,
                                         const BenchWorkload    *workload);

/* "yes", "no", "unknown" (translated) */
const char  *bench_scenario_answer_to_string (BenchScenarioAnswer answer);

/* "20k", "1.5k", "950": token counts in reasons */
char        *bench_scenario_format_tokens (gint64 tokens);

/* The fields that identify a candidate and are settings (not the model or
 * the machine), in llama-bench's order; NULL-terminated. */
const char * const *bench_scenario_setting_fields (void);

/* —— checking the predictions against measurements they did not see —— */

typedef struct
{
  char   *label;            /* the candidate and the sweep ("… · prefill over depth") */
  guint   n_points;         /* interpolated points */
  guint   n_extrapolated;   /* endpoints, reported apart */
  double  median_error;     /* relative, |predicted − measured| / measured */
  double  worst_error;
  char   *worst_test;
  double  worst_extrapolated_error;
  double  repeat_ratio;     /* the candidate's, 1 when clean */
} BenchScenarioCheck;

void         bench_scenario_check_free (BenchScenarioCheck *self);
/* Leave-one-out over every candidate's prefill and generation tests, and
 * the pg tests predicted from the others: a GPtrArray of BenchScenarioCheck,
 * one per candidate and kind that has at least one interpolated point. */
GPtrArray   *bench_scenario_check (GPtrArray *candidates);
/* interpolate prefill over log(1 + depth) instead of depth (for the check) */
void         bench_scenario_set_log_depth (gboolean log_depth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchScenarioPrediction, bench_scenario_prediction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchScenarioCandidate, bench_scenario_candidate_free)

G_END_DECLS
