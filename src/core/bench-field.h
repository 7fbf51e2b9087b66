/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-field.h — what Benchtop knows about each llama-bench field.
 *
 * One table (bench-field.c) holds, per field: llama-bench's name, its type,
 * a translatable label for people ("Flash attention", "KV cache type (K)"),
 * its unit, llama-bench's own markdown column name, the roles it plays
 * (identifies a test, a sweepable setting, splits a comparison, shown in
 * tooltips, describes the machine or the model…), how its values read, and
 * in which llama-bench versions it exists. Readers, views, the comparison,
 * the charts and the command line ask this table instead of keeping their
 * own lists: adding a field is adding one row.
 *
 * Fields Benchtop derives (test_label, hardware_label, quantization,
 * source) are rows too, marked BENCH_FIELD_ROLE_DERIVED.
 */
#pragma once

#include <glib.h>

#include "bench-result.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_FIELD_ROLE_NONE         = 0,
  /* part of a test's identity: results are matched on it (compare) */
  BENCH_FIELD_ROLE_IDENTITY     = 1 << 0,
  /* a llama-bench option, printed as a parameter of the run */
  BENCH_FIELD_ROLE_SETTING      = 1 << 1,
  /* numeric: a line chart can put it on its x axis */
  BENCH_FIELD_ROLE_SWEEP        = 1 << 2,
  /* a comparison can be split by its values ("Each flash attention") */
  BENCH_FIELD_ROLE_SPLIT        = 1 << 3,
  /* shown in the tooltip of a chart's point or bar */
  BENCH_FIELD_ROLE_TOOLTIP      = 1 << 4,
  BENCH_FIELD_ROLE_HARDWARE     = 1 << 5,
  BENCH_FIELD_ROLE_MODEL        = 1 << 6,
  BENCH_FIELD_ROLE_BUILD        = 1 << 7,
  /* n_prompt, n_gen, n_depth: which test */
  BENCH_FIELD_ROLE_TEST         = 1 << 8,
  BENCH_FIELD_ROLE_STATISTIC    = 1 << 9,
  /* one of the per-backend booleans printed until Nov 2024 */
  BENCH_FIELD_ROLE_BACKEND_FLAG = 1 << 10,
  /* computed by Benchtop, never printed by llama-bench */
  BENCH_FIELD_ROLE_DERIVED      = 1 << 11,
  /* a result field (not a parameter) that may tell results apart:
   * what bench_results_find_varying () looks at besides parameters */
  BENCH_FIELD_ROLE_DESCRIBES    = 1 << 12,
  /* never names a chart series (provenance, repeats of other fields) */
  BENCH_FIELD_ROLE_NO_LEGEND    = 1 << 13,
  /* tables show it in a column of its own, never as a varying setting */
  BENCH_FIELD_ROLE_OWN_COLUMN   = 1 << 14,
} BenchFieldRole;

typedef enum
{
  BENCH_FIELD_FORMAT_PLAIN,       /* the text as it is */
  BENCH_FIELD_FORMAT_BOOL,        /* 0/1 → "no"/"yes" */
  BENCH_FIELD_FORMAT_FLASH_ATTN,  /* -1/0/1 → "auto"/"off"/"on" */
  BENCH_FIELD_FORMAT_SIZE,        /* bytes → "4.92 GiB" */
  BENCH_FIELD_FORMAT_PARAMS,      /* a count → "8.03 B" */
  BENCH_FIELD_FORMAT_COUNT,       /* an integer, grouped by the locale */
} BenchFieldFormat;

/* Where a field's value lives in a BenchResult. */
typedef enum
{
  BENCH_FIELD_STORED_PARAM,    /* among the parameters, as text */
  BENCH_FIELD_STORED_STRING,   /* a string member (at offset) */
  BENCH_FIELD_STORED_INT,      /* a gint64 member (at offset) */
  BENCH_FIELD_STORED_DOUBLE,   /* a double member (at offset) */
  BENCH_FIELD_STORED_SAMPLES,  /* the sample arrays */
} BenchFieldStorage;

typedef struct
{
  const char        *name;     /* llama-bench's field name */
  BenchValueType     type;     /* as JSON prints it (flash_attn: its int form) */
  const char        *label;    /* untranslated; use bench_field_get_label () */
  const char        *unit;     /* untranslated, or NULL */
  const char        *column;   /* llama-bench's markdown column, or NULL */
  const char        *abbrev;   /* a legend's short name ("fa", "ngl"), or NULL */
  BenchFieldRole     roles;
  BenchFieldFormat   format;
  BenchFieldStorage  storage;
  gsize              offset;   /* in BenchResult, for STRING/INT/DOUBLE */
  const char        *since;    /* first llama-bench version: "2024-04 (b2770)" */
  const char        *until;    /* last one, or NULL while it is printed */
} BenchField;

/* NULL when Benchtop does not know @name */
const BenchField *bench_field_lookup           (const char *name);
/* every known field, in the order views list them */
const BenchField *bench_field_get_all          (guint      *n_fields);
/* the fields that have every role of @roles, in table order;
 * (transfer container) of const BenchField * */
GPtrArray        *bench_field_list_with_role   (BenchFieldRole roles);
gboolean          bench_field_has_role         (const BenchField *field,
                                                BenchFieldRole    roles);
/* by name; FALSE for unknown fields */
gboolean          bench_field_name_has_role    (const char       *name,
                                                BenchFieldRole    roles);

/* the translated label */
const char       *bench_field_get_label        (const BenchField *field);
/* a label for any name: the registry's, else a readable form of the raw
 * name ("n_cpu_moe" → "N cpu moe", "mla_attn" → "Mla attn") */
char             *bench_field_dup_label        (const char *name);
/* "Context depth (tokens)": the label with its unit, for axis titles */
char             *bench_field_dup_title        (const char *name);
/* a legend's short name: the abbreviation, llama-bench's markdown column,
 * or the raw name */
const char       *bench_field_get_short_name   (const char *name);
/* llama-bench's markdown column name of @name, or @name itself */
const char       *bench_field_get_column_name  (const char *name);
/* the field a markdown column header stands for, or NULL */
const BenchField *bench_field_lookup_column    (const char *column);

/* A value's canonical text as people read it: "on", "4.92 GiB"; "—" for
 * NULL. Unknown fields print their text. */
char             *bench_field_format_value     (const char *name,
                                                const char *text);
/* A result's value of @name formatted as above */
char             *bench_result_dup_field_formatted (BenchResult *result,
                                                    const char  *name);

G_END_DECLS
