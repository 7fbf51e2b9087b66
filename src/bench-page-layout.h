/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-page-layout.h — a view's layout: a hidden view costs no layout.
 *
 * AdwViewStack measures every page, shown or not, each time the window is
 * laid out. A view with a wrapping label answers a width for a given height
 * by laying its text out again and again (GtkLabel searches for the width),
 * so the Scenario view alone cost some 60 ms of every layout while another
 * view was shown. Like GtkBinLayout, but while its widget is not
 * child-visible (a page the stack does not show) the children are measured
 * without a for-size: one cached answer, whatever the window asks. The view
 * is measured again as it is shown. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BENCH_TYPE_PAGE_LAYOUT (bench_page_layout_get_type ())
G_DECLARE_FINAL_TYPE (BenchPageLayout, bench_page_layout, BENCH, PAGE_LAYOUT, GtkLayoutManager)

G_END_DECLS
