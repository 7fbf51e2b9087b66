/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-result.h — one llama-bench test record, normalized across formats
 * and versions.
 *
 * A BenchResult is immutable once a reader has built it (see
 * bench-record-builder.h). Fields llama-bench has printed in any version that
 * Benchtop gives a meaning to have getters; every other field is kept, in file
 * order, as a parameter (key, text, type) so nothing a file holds is dropped.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BENCH_FORMAT_UNKNOWN,
  BENCH_FORMAT_JSON,
  BENCH_FORMAT_JSONL,
  BENCH_FORMAT_CSV,
  BENCH_FORMAT_MARKDOWN,
  BENCH_FORMAT_SQL,
  BENCH_FORMAT_SQLITE,
} BenchFormat;

const char *bench_format_to_string (BenchFormat format);

typedef enum
{
  BENCH_TEST_PP,   /* prompt processing (prefill) */
  BENCH_TEST_TG,   /* text generation */
  BENCH_TEST_PG,   /* prompt then generation (-pg) */
} BenchTestKind;

const char *bench_test_kind_to_string (BenchTestKind kind);

typedef enum
{
  BENCH_VALUE_UNKNOWN,  /* untyped text (CSV, SQL, markdown): infer */
  BENCH_VALUE_STRING,
  BENCH_VALUE_INT,
  BENCH_VALUE_BOOL,     /* text is "0" or "1" */
  BENCH_VALUE_DOUBLE,
  BENCH_VALUE_NULL,
} BenchValueType;

typedef struct
{
  const char     *key;    /* llama-bench's field name */
  const char     *text;   /* canonical text: "512", "1", "f16", "0.50" */
  BenchValueType  type;
} BenchParam;

#define BENCH_TYPE_RESULT (bench_result_get_type ())
G_DECLARE_FINAL_TYPE (BenchResult, bench_result, BENCH, RESULT, GObject)

/* provenance */
const char    *bench_result_get_source         (BenchResult *self);
BenchFormat    bench_result_get_format         (BenchResult *self);
guint          bench_result_get_line           (BenchResult *self);
guint          bench_result_get_run_index      (BenchResult *self);

/* build and hardware */
const char    *bench_result_get_build_commit   (BenchResult *self);
gint64         bench_result_get_build_number   (BenchResult *self);
const char    *bench_result_get_cpu_info       (BenchResult *self);
const char    *bench_result_get_gpu_info       (BenchResult *self);
const char    *bench_result_get_backends       (BenchResult *self);

/* model */
const char    *bench_result_get_model_filename (BenchResult *self);
const char    *bench_result_get_model_type     (BenchResult *self);
gint64         bench_result_get_model_size     (BenchResult *self);
gint64         bench_result_get_model_n_params (BenchResult *self);

/* test */
gint64         bench_result_get_n_prompt       (BenchResult *self);
gint64         bench_result_get_n_gen          (BenchResult *self);
gint64         bench_result_get_n_depth        (BenchResult *self);
const char    *bench_result_get_test_time      (BenchResult *self);

/* statistics: recomputed from samples_ns when present, else as stated */
double         bench_result_get_avg_ns         (BenchResult *self);
double         bench_result_get_stddev_ns      (BenchResult *self);
double         bench_result_get_avg_ts         (BenchResult *self);
double         bench_result_get_stddev_ts      (BenchResult *self);
/* as the file printed them (NAN when absent) */
double         bench_result_get_stated_avg_ns    (BenchResult *self);
double         bench_result_get_stated_stddev_ns (BenchResult *self);
double         bench_result_get_stated_avg_ts    (BenchResult *self);
double         bench_result_get_stated_stddev_ts (BenchResult *self);
gboolean       bench_result_has_samples        (BenchResult *self);
guint          bench_result_get_n_samples      (BenchResult *self);
const gint64  *bench_result_get_samples_ns     (BenchResult *self,
                                                guint       *n_samples);
const double  *bench_result_get_samples_ts     (BenchResult *self,
                                                guint       *n_samples);
/* TRUE when the stated avg/stddev disagree with the samples */
gboolean       bench_result_has_stats_mismatch (BenchResult *self);

/* every other field, in file order */
const BenchParam *bench_result_get_params      (BenchResult *self,
                                                guint       *n_params);
const BenchParam *bench_result_lookup_param    (BenchResult *self,
                                                const char  *key);
const char    *bench_result_get_param_text     (BenchResult *self,
                                                const char  *key);
/* a parameter read as an integer; @fallback when absent or not one */
gint64         bench_result_get_param_int      (BenchResult *self,
                                                const char  *key,
                                                gint64       fallback);
/* flash_attn normalized to -1 (auto), 0 or 1; -2 when absent */
int            bench_result_get_flash_attn     (BenchResult *self);

/* derived */
BenchTestKind  bench_result_get_test_kind      (BenchResult *self);
const char    *bench_result_get_test_label     (BenchResult *self);
const char    *bench_result_get_quantization   (BenchResult *self);
double         bench_result_get_bits_per_weight (BenchResult *self);
const char    *bench_result_get_hardware_key   (BenchResult *self);
const char    *bench_result_get_hardware_label (BenchResult *self);
/* a machine known only by the file it came from (a markdown table): the
 * user may name it */
gboolean       bench_result_is_unnamed_machine (BenchResult *self);
/* The user's name for the machine of @source's unnamed results (NULL or
 * "" forgets it): their hardware label from then on. */
void           bench_machine_names_set         (const char  *source,
                                                const char  *name);
void           bench_machine_names_clear       (void);

/* any field by llama-bench's name, core or parameter, as canonical text;
 * NULL when the result does not have it. */
char          *bench_result_dup_field_text     (BenchResult *self,
                                                const char  *field);
/* the same for people: "—" when the result does not have it */
char          *bench_result_dup_field_display  (BenchResult *self,
                                                const char  *field);

/* Fields in which a set of results differ (core test/model/hardware fields
 * and parameters), in a stable order: the sweep and legend candidates. The
 * names belong to the results (parameter names are the file's own): they
 * stay valid as long as the results do; copy one to keep it longer. */
GPtrArray     *bench_results_find_varying      (BenchResult **results,
                                                guint         n_results);
/* How many values @field takes among the results ("absent" counts as one);
 * reads them without allocating. */
guint          bench_results_count_distinct    (BenchResult **results,
                                                guint         n_results,
                                                const char   *field);

/* Helpers shared by readers and views. */
char          *bench_format_test_label         (gint64 n_prompt,
                                                gint64 n_gen,
                                                gint64 n_depth);
char          *bench_quantization_from_model_type (const char *model_type);

G_END_DECLS
