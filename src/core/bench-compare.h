/* bench-compare.h — a baseline against one or more candidates.
 *
 * Results are matched across sides on llama-bench's identity (model, test,
 * and every setting), leaving out the fields that tell the sides apart: a
 * field constant within each side but different between them (the build,
 * flash_attn, the machine, the model…) is what is being compared, not part
 * of the identity. Repeated rows on one side are averaged, as
 * compare-llama-bench.py does. Speedups carry an uncertainty propagated from
 * both standard deviations, and a verdict that respects it.
 */
#pragma once

#include <glib-object.h>

#include "bench-result.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_VERDICT_FASTER,
  BENCH_VERDICT_SLOWER,
  BENCH_VERDICT_WITHIN_NOISE,
  BENCH_VERDICT_NOISE_UNKNOWN,  /* no deviation on either side (one repetition) */
  BENCH_VERDICT_MISSING,        /* no partner on this side */
} BenchVerdict;

const char *bench_verdict_to_string (BenchVerdict verdict);

typedef struct
{
  double       avg_ts;       /* NAN when the side has no match */
  double       stddev_ts;
  guint        n_results;    /* rows averaged */
  double       speedup;      /* candidate / baseline; NAN for the baseline */
  double       speedup_sd;
  BenchVerdict verdict;
  BenchResult *example;      /* one of the side's results of the row, or NULL */
} BenchCompareCell;

typedef struct
{
  BenchResult      *example;   /* a result of the row, for its labels */
  char             *key;
  guint             n_sides;
  BenchCompareCell *cells;     /* [0] baseline, [1…] candidates */
} BenchCompareRow;

typedef struct _BenchComparison BenchComparison;

/* @sides: n_sides arrays of BenchResult; sides[0] is the baseline.
 * @names: a name per side, for headers ("master", "file.json"…). */
BenchComparison *bench_comparison_new       (GPtrArray  **sides,
                                             const char **names,
                                             guint        n_sides);
void             bench_comparison_free      (BenchComparison *self);

guint            bench_comparison_get_n_rows (BenchComparison *self);
BenchCompareRow *bench_comparison_get_row    (BenchComparison *self,
                                              guint            i);
guint            bench_comparison_get_n_sides (BenchComparison *self);
const char      *bench_comparison_get_side_name (BenchComparison *self,
                                                 guint            side);
/* fields left out of matching because they tell the sides apart */
GPtrArray       *bench_comparison_get_side_fields (BenchComparison *self);
/* fields shown as columns: the identity fields that vary among rows */
GPtrArray       *bench_comparison_get_shown_fields (BenchComparison *self);
/* rows whose baseline or some candidate has no partner */
guint            bench_comparison_get_n_unmatched (BenchComparison *self);

/* How a row reads on its own: "pp512 @ d4096", with the model and the shown
 * fields when they vary ("gpt-oss 20B F16 · pp512 · fa 1"). */
char            *bench_comparison_dup_row_label (BenchComparison *self,
                                                 BenchCompareRow *row);
/* counts of verdicts for candidate @side (1…), over the matched rows */
void             bench_comparison_count_verdicts (BenchComparison *self,
                                                  guint            side,
                                                  guint           *n_faster,
                                                  guint           *n_slower,
                                                  guint           *n_noise,
                                                  guint           *n_unknown);

/* Shortens side names in place by what they all share at the start and the
 * end ("x.default-hip.jsonl", "x.tile.jsonl" → "default-hip", "tile"),
 * cutting only at separators and keeping the names distinct. */
void             bench_compare_shorten_names (char  **names,
                                              guint   n_names);

/* A side's setting as llama-bench's options spell it: "fa 1", "t 8",
 * "build 3f2a1b" — a backend, machine or model by its value alone. */
char            *bench_compare_name_setting  (const char *field,
                                              const char *value);
/* Names sides by the settings that tell them apart ("ROCm · fa 1",
 * "Vulkan · fa 1"): each one constant within every side but not the same
 * on all. NULL when no setting does, or the names would not differ. */
char           **bench_compare_name_sides    (GPtrArray **sides,
                                              guint       n_sides);
/* Gives repeated names a number ("tile", "tile (2)"): never two alike */
void             bench_compare_make_distinct (char  **names,
                                              guint   n_names);

/* The markdown pipe table llama.cpp developers paste into pull requests,
 * with ± added; unmatched rows follow it. */
char            *bench_comparison_to_markdown (BenchComparison *self);
char            *bench_comparison_to_csv      (BenchComparison *self);

/* speedup and its standard deviation from two means and deviations */
void             bench_speedup (double  base_avg,
                                double  base_sd,
                                double  cand_avg,
                                double  cand_sd,
                                double *speedup,
                                double *speedup_sd);
/* faster / slower when the speedup is more than two deviations from 1;
 * with no deviation at all (single repetitions) the noise is unknown */
BenchVerdict     bench_speedup_verdict (double speedup,
                                        double speedup_sd);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchComparison, bench_comparison_free)

/* A row of a comparison as an object for list models: its label and
 * figures as read-only properties (for two sides: the baseline's and the
 * candidate's t/s, the speedup and the verdict), every side through the
 * getters. It copies what it shows and outlives its comparison. */
#define BENCH_TYPE_COMPARE_ITEM (bench_compare_item_get_type ())
G_DECLARE_FINAL_TYPE (BenchCompareItem, bench_compare_item, BENCH, COMPARE_ITEM, GObject)

BenchCompareItem       *bench_compare_item_new         (BenchComparison  *comparison,
                                                        guint             row);
const char             *bench_compare_item_get_label   (BenchCompareItem *self);
/* the label case-folded, for filters */
const char             *bench_compare_item_get_folded_label (BenchCompareItem *self);
guint                   bench_compare_item_get_n_sides (BenchCompareItem *self);
const BenchCompareCell *bench_compare_item_get_cell    (BenchCompareItem *self,
                                                        guint             side);

G_END_DECLS
