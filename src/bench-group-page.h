/* bench-group-page.h — one view of the window: a chart of the selection on
 * top, the groups (runs, models or machines) as a sortable, filterable table
 * below, and the results of the selection one click away. */
#pragma once

#include <gtk/gtk.h>

#include "bench-group.h"

G_BEGIN_DECLS

#define BENCH_TYPE_GROUP_PAGE (bench_group_page_get_type ())
G_DECLARE_FINAL_TYPE (BenchGroupPage, bench_group_page, BENCH, GROUP_PAGE, GtkWidget)

GtkWidget     *bench_group_page_new            (BenchGroupKind  kind);
BenchGroupKind bench_group_page_get_kind       (BenchGroupPage *self);
void           bench_group_page_set_groups     (BenchGroupPage *self,
                                                GListModel     *groups);
void           bench_group_page_focus_search   (BenchGroupPage *self);

/* what the table shows after filtering and sorting (BenchGroup) */
GListModel    *bench_group_page_get_visible    (BenchGroupPage *self);
GtkSelectionModel *bench_group_page_get_selection (BenchGroupPage *self);
/* what the chart shows: the selection's results, or with nothing selected all */
GPtrArray     *bench_group_page_get_chart_results (BenchGroupPage *self);
GtkWidget     *bench_group_page_get_chart      (BenchGroupPage *self);
/* show the results table (TRUE) or the groups (FALSE) */
void           bench_group_page_show_results   (BenchGroupPage *self,
                                                gboolean        show);
GListModel    *bench_group_page_get_results_model (BenchGroupPage *self);
/* Opens the comparison of the selected rows (or of the only two rows),
 * the first as the baseline; NULL when there is nothing to compare. */
GtkWindow     *bench_group_page_compare        (BenchGroupPage *self);
/* TRUE when the selection (or the only two rows) can be compared: what
 * enables win.compare */
gboolean       bench_group_page_can_compare    (BenchGroupPage *self);

/* The machines' figures changed (a peak the user entered): the chart is
 * drawn again. */
void           bench_group_page_invalidate_chart (BenchGroupPage *self);

/* Hardware: several machines are compared on a model they share, most
 * machines first; those without it are greyed out and left out of the
 * chart. NULL when there is no choice (one machine, or none in common). */
const char    *bench_group_page_get_chosen_model  (BenchGroupPage *self);
GListModel    *bench_group_page_get_model_choices (BenchGroupPage *self);
void           bench_group_page_choose_model      (BenchGroupPage *self,
                                                   guint           position);
gboolean       bench_group_page_lacks_model       (BenchGroupPage *self,
                                                   BenchGroup     *machine);
/* "These machines have no model in common", when shown */
const char    *bench_group_page_get_model_note    (BenchGroupPage *self);
/* the filter matches no row, and the page says so */
gboolean       bench_group_page_shows_no_match    (BenchGroupPage *self);

/* Hardware: names a machine its file does not name (a markdown table);
 * "" gives it back its file's name. Kept for the file. */
void           bench_group_page_rename_machine    (BenchGroupPage *self,
                                                   BenchGroup     *machine,
                                                   const char     *name);
/* labels changed under the rows: bind them and draw the chart again */
void           bench_group_page_refresh           (BenchGroupPage *self);

G_END_DECLS
