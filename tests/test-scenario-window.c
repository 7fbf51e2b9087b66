/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scenario-window.c — the Scenario view under Xvfb: a person loads
 * results, drops the model file, picks Coding agent, types a memory budget
 * and a minimum speed, and reads which candidate meets 15 t/s at 64k. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-application.h"
#include "bench-chart-view.h"
#include "bench-export-dialog.h"
#include "bench-gguf.h"
#include "bench-test-util.h"
#include "bench-test-window.h"
#include "bench-window.h"

static BenchApplication *app;

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

#define maybe_screenshot(window, name) bench_test_screenshot (GTK_WIDGET (window), name)

static void
type_number (BenchScenarioPage *page,
             const char        *field,
             const char        *text)
{
  GtkSpinButton *spin = bench_scenario_page_get_field (page, field);

  g_assert_nonnull (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
  settle ();
}

static BenchScenarioPrediction *
find (GPtrArray  *ranked,
      const char *model_type,
      guint      *rank)
{
  for (guint i = 0; i < ranked->len; i++)
    {
      BenchScenarioPrediction *p = g_ptr_array_index (ranked, i);
      BenchResult *r = bench_scenario_candidate_get_example (p->candidate);
      if (strcmp (bench_result_get_model_type (r), model_type) == 0)
        {
          if (rank)
            *rank = i;
          return p;
        }
    }
  g_error ("no candidate %s", model_type);
  return NULL;
}

static void
test_coding_agent (void)
{
  BenchWindow *window = bench_window_new (app);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const corpus[] = {
    "public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json",
    "public/talk-strix-halo-rocm72-step35-imatrix.json",
    "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json",
    "public/kyuz0-strixhalo-rocm714-deepseek-v4-flash-curve-gen.jsonl",
    "public/strix-halo-llama32-1b.default-hip.jsonl",
  };
  g_autofree char *header = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-scenario-XXXXXX", NULL);
  /* a model file named as the results name it, dropped with them */
  g_autofree char *model = g_build_filename (dir, "gpt-oss-20b-mxfp4.gguf", NULL);
  g_autofree char *data = NULL;
  BenchScenarioPage *page;
  BenchScenarioPrediction *gpt, *step, *tiny;
  GPtrArray *ranked;
  guint gpt_rank, step_rank;
  gsize len;

  bench_gguf_reset ();
  g_assert_true (g_file_get_contents (header, &data, &len, NULL));
  g_assert_true (g_file_set_contents (model, data, len, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = bench_test_corpus_path (corpus[i]);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  g_ptr_array_add (files, g_file_new_for_path (model));
  bench_window_load_files (window, (GFile **) files->pdata, files->len);
  bench_test_wait_until_loaded (window);

  page = bench_window_get_scenario_page (window);
  bench_window_show_scenario (window);
  settle ();

  bench_scenario_page_set_preset (page, BENCH_SCENARIO_PRESET_CHAT);
  bench_scenario_page_set_preset (page, BENCH_SCENARIO_PRESET_CODING_AGENT);
  g_assert_cmpfloat (gtk_spin_button_get_value (bench_scenario_page_get_field (page, "prompt")), ==, 20000);
  g_assert_cmpfloat (gtk_spin_button_get_value (bench_scenario_page_get_field (page, "context")), ==, 65536);
  /* the budget starts at this machine's memory */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (bench_scenario_page_get_field (page, "memory")),
                                  bench_scenario_system_memory_gb (), 0.05);
  type_number (page, "memory", "96");
  type_number (page, "min-tg", "15");

  ranked = bench_scenario_page_get_ranked (page);
  g_assert_cmpuint (ranked->len, ==, 5);
  /* gpt-oss: its KV cache known from the dropped file, 12.1 GB of weights,
   * fast enough at 64k */
  gpt = find (ranked, "gpt-oss 20B MXFP4 MoE", &gpt_rank);
  g_assert_cmpuint (gpt_rank, ==, 0);
  g_assert_true (isfinite (gpt->memory_gb));
  g_assert_cmpint (gpt->fits, ==, BENCH_SCENARIO_YES);
  g_assert_cmpint (gpt->meets, ==, BENCH_SCENARIO_YES);
  g_assert_cmpfloat (gpt->end_gen_ts, >=, 15);
  g_assert_nonnull (strstr (bench_scenario_page_get_summary (page), "1 of 5 meets the requirements"));
  g_assert_nonnull (strstr (bench_scenario_page_get_summary (page), "gpt-oss 20B MXFP4 MoE"));
  /* Step 3.5 imatrix: its weights alone pass 96 GB */
  step = find (ranked, "Step 3.5 Flash 199B.A11B Q4_K_S imatrix", &step_rank);
  g_assert_cmpint (step->meets, ==, BENCH_SCENARIO_NO);
  g_assert_nonnull (strstr (step->reason, "weights alone"));
  g_assert_cmpuint (step_rank, >, gpt_rank);
  /* llama 1B: fast, but its KV cache is not known */
  tiny = find (ranked, "llama 1B Q4_K - Medium", NULL);
  g_assert_cmpint (tiny->meets, ==, BENCH_SCENARIO_UNKNOWN);
  /* the chart shows the ranking */
  g_assert_nonnull (bench_chart_view_get_spec (BENCH_CHART_VIEW (bench_scenario_page_get_chart (page))));
  maybe_screenshot (window, g_getenv ("BENCHTOP_SCREENSHOT_DARK") ? "scenario-dark.png" : "scenario.png");

  /* the window's Export exports the scenario chart through the export dialog */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *export = NULL;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
    settle ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && export == NULL; i++)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (BENCH_IS_EXPORT_DIALOG (toplevel))
          export = toplevel;
      }
    g_assert_nonnull (export);
    g_assert_true (gtk_window_get_transient_for (export) == GTK_WINDOW (window));
    bench_test_screenshot (GTK_WIDGET (export), g_getenv ("BENCHTOP_SCREENSHOT_DARK") ? NULL
                                                                                      : "scenario-export.png");
    gtk_window_destroy (export);
    settle ();
  }

  /* a minimum nobody meets at 64k: the reason says where */
  type_number (page, "min-tg", "80");
  gpt = find (bench_scenario_page_get_ranked (page), "gpt-oss 20B MXFP4 MoE", NULL);
  g_assert_cmpint (gpt->meets, ==, BENCH_SCENARIO_NO);
  g_assert_nonnull (strstr (gpt->reason, "t/s at 64k, needs 80"));
  type_number (page, "min-tg", "15");

  /* a budget for one machine of the results is kept for that machine */
  {
    GtkDropDown *machine = bench_scenario_page_get_machine_chooser (page);
    GListModel *names = gtk_drop_down_get_model (machine);
    guint reap = G_MAXUINT;
    BenchScenarioPrediction *p;

    g_assert_cmpuint (g_list_model_get_n_items (names), >=, 2);
    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (strcmp (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                  "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S") == 0)
        reap = i;
    g_assert_cmpuint (reap, !=, G_MAXUINT);
    gtk_drop_down_set_selected (machine, reap);
    settle ();
    type_number (page, "memory", "24");
    /* the Step models run there: now their weights alone do not fit */
    p = find (bench_scenario_page_get_ranked (page), "Step 3.5 Flash REAP 128B.A11B Q4_K_M", NULL);
    g_assert_cmpint (p->fits, ==, BENCH_SCENARIO_NO);
    g_assert_nonnull (strstr (p->reason, "budget 24 GB"));
    /* gpt-oss ran on the same box: 17.7 GB still fit */
    p = find (bench_scenario_page_get_ranked (page), "gpt-oss 20B MXFP4 MoE", NULL);
    g_assert_cmpfloat (p->budget_gb, ==, 24);
    g_assert_cmpint (p->fits, ==, BENCH_SCENARIO_YES);
    /* the other machine keeps 96 */
    p = find (bench_scenario_page_get_ranked (page), "llama 1B Q4_K - Medium", NULL);
    g_assert_cmpfloat (p->budget_gb, ==, 96);
    /* back to every machine: the field shows 96 again, the 24 stays */
    gtk_drop_down_set_selected (machine, 0);
    settle ();
    g_assert_cmpfloat (gtk_spin_button_get_value (bench_scenario_page_get_field (page, "memory")), ==, 96);
    p = find (bench_scenario_page_get_ranked (page), "Step 3.5 Flash REAP 128B.A11B Q4_K_M", NULL);
    g_assert_cmpfloat (p->budget_gb, ==, 24);
    gtk_drop_down_set_selected (machine, reap);
    settle ();
    g_assert_cmpfloat (gtk_spin_button_get_value (bench_scenario_page_get_field (page, "memory")), ==, 24);
    gtk_drop_down_set_selected (machine, 0);
    settle ();
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 420, 900);
  settle ();
  maybe_screenshot (window, g_getenv ("BENCHTOP_SCREENSHOT_DARK") ? "scenario-narrow-dark.png"
                                                                   : "scenario-narrow.png");
  gtk_window_destroy (GTK_WINDOW (window));
  bench_gguf_reset ();
  bench_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("BENCHTOP_SCREENSHOT_DARK"))
    g_setenv ("ADW_DEBUG_COLOR_SCHEME", "prefer-dark", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = bench_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/scenario-window/coding-agent", test_coding_agent);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
