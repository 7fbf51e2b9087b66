/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-group-private.h — for the dataset and tests: results split by
 * group key without making groups (a source's share of each group, made
 * where the source is read), groups made from such a share, and a count of
 * group recomputations for tests. */
#pragma once

#include "bench-group.h"

G_BEGIN_DECLS

/* The results of one source (or any list) that share a group key. */
typedef struct
{
  char       *key;
  GPtrArray  *results;  /* BenchResult, in order; never modified once made */
  BenchGroup *group;    /* NULL, or a group of these results alone, made
                         * ahead (freed with the part) for whoever takes it */
} BenchGroupPart;

/* Splits @results by @kind's key: a GPtrArray of BenchGroupPart (freed
 * with the array) in order of first appearance. Touches nothing but
 * @results, so it may run on any thread. */
GPtrArray  *bench_group_partition       (GPtrArray      *results,
                                         BenchGroupKind  kind);
/* A group with @key holding @results (referenced, never modified), its
 * label and figures computed. */
BenchGroup *bench_group_new_with_results (BenchGroupKind  kind,
                                          const char     *key,
                                          GPtrArray      *results);

/* Adds @more (BenchResult) at the end of the group's results, in a new
 * array as bench_group_set_results () does, and updates its figures
 * reading only @more (what it knows of the others is kept). Returns FALSE,
 * doing nothing, when @more is empty. */
gboolean    bench_group_append_results  (BenchGroup     *self,
                                         GPtrArray      *more);

/* How many times a group's figures were computed from its results, in the
 * whole process (for tests: an update costs what it touches). */
guint       bench_group_get_n_recomputes (void);

G_END_DECLS
