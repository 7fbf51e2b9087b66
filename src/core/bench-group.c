/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-group.c — grouping results into runs, models and machines. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-efficiency-private.h"
#include "bench-group-private.h"
#include "bench-units.h"

typedef struct _Tally Tally;
static void tally_free (Tally *tally);

struct _BenchGroup
{
  GObject         parent_instance;

  BenchGroupKind  kind;
  char           *key;
  char           *label;
  GPtrArray      *results;
  double          best_pp;
  double          best_tg;
  BenchEfficiency efficiency;     /* of the run closest to its roofline */
  BenchResult    *efficiency_result;
  guint           n_machines;
  guint           n_models;
  char           *models_text;
  const char     *date;
  gboolean        left_out;       /* a view leaves it out of its comparison */
  Tally          *tally;          /* NULL until the group grows at its end */
};

G_DEFINE_FINAL_TYPE (BenchGroup, bench_group, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The figures a group's row shows, as read-only properties that notify
 * when they change: when the group's results are replaced
 * (bench_group_set_results ()) or a machine's peak is entered. */
enum {
  PROP_0,
  PROP_KIND,
  PROP_KEY,
  PROP_LABEL,
  PROP_FIRST,
  PROP_N_RESULTS,
  PROP_BEST_PP,
  PROP_BEST_TG,
  PROP_N_MACHINES,
  PROP_N_MODELS,
  PROP_MODELS_TEXT,
  PROP_DATE,
  PROP_EFFICIENCY_TEXT,
  PROP_BANDWIDTH_SHARE,
  PROP_BANDWIDTH_GBS,
  PROP_COMPARED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bench_group_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BenchGroup *self = BENCH_GROUP (object);

  switch (prop_id)
    {
    case PROP_KIND:           g_value_set_uint (value, self->kind); break;
    case PROP_KEY:            g_value_set_string (value, self->key); break;
    case PROP_LABEL:          g_value_set_string (value, bench_group_get_label (self)); break;
    case PROP_COMPARED:       g_value_set_boolean (value, !self->left_out); break;
    case PROP_FIRST:          g_value_set_object (value, bench_group_get_first (self)); break;
    case PROP_N_RESULTS:      g_value_set_uint (value, self->results->len); break;
    case PROP_BEST_PP:        g_value_set_double (value, self->best_pp); break;
    case PROP_BEST_TG:        g_value_set_double (value, self->best_tg); break;
    case PROP_N_MACHINES:     g_value_set_uint (value, self->n_machines); break;
    case PROP_N_MODELS:       g_value_set_uint (value, self->n_models); break;
    case PROP_MODELS_TEXT:    g_value_set_string (value, self->models_text); break;
    case PROP_DATE:           g_value_set_string (value, self->date); break;
    case PROP_EFFICIENCY_TEXT:
      g_value_take_string (value, bench_group_dup_efficiency_text (self));
      break;
    case PROP_BANDWIDTH_SHARE:
      g_value_set_double (value, self->efficiency.share);
      break;
    case PROP_BANDWIDTH_GBS:
      g_value_set_double (value, self->efficiency.bandwidth_gbs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_group_finalize (GObject *object)
{
  BenchGroup *self = BENCH_GROUP (object);

  g_free (self->key);
  g_free (self->label);
  g_free (self->models_text);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->tally, tally_free);

  G_OBJECT_CLASS (bench_group_parent_class)->finalize (object);
}

static void
bench_group_class_init (BenchGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bench_group_finalize;
  object_class->get_property = bench_group_get_property;

  /* a BenchGroupKind */
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0, BENCH_GROUP_HARDWARE, 0, flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  /* the group's first result, whose model, machine and build the row shows */
  properties[PROP_FIRST] = g_param_spec_object ("first", NULL, NULL, BENCH_TYPE_RESULT, flags);
  properties[PROP_N_RESULTS] = g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* NAN when the group has no such result (a GParamSpec cannot default to NAN) */
  properties[PROP_BEST_PP] = g_param_spec_double ("best-pp", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_BEST_TG] = g_param_spec_double ("best-tg", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_MACHINES] = g_param_spec_uint ("n-machines", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_MODELS] = g_param_spec_uint ("n-models", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MODELS_TEXT] = g_param_spec_string ("models-text", NULL, NULL, NULL, flags);
  /* the earliest test_time, ISO 8601; "" when the format has none */
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);

  /* "412 GB/s · 81 %" for the run closest to its roofline */
  properties[PROP_EFFICIENCY_TEXT] =
    g_param_spec_string ("efficiency-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* that run's share of its machine's peak bandwidth, NAN unknown */
  properties[PROP_BANDWIDTH_SHARE] =
    g_param_spec_double ("bandwidth-share", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BANDWIDTH_GBS] =
    g_param_spec_double ("bandwidth-gbs", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE while a view leaves the group out of what it compares (the
   * Hardware view: a machine without the model compared); rows grey out */
  properties[PROP_COMPARED] = g_param_spec_boolean ("compared", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BenchGroup::changed:
   *
   * The group's results were replaced (a file it came from grew or was
   * reloaded); its figures are recomputed, and the properties whose values
   * changed are notified.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bench_group_init (BenchGroup *self)
{
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->best_pp = NAN;
  self->best_tg = NAN;
  self->efficiency.share = NAN;
  self->efficiency.share_max = NAN;
  self->efficiency.bandwidth_gbs = NAN;
  self->efficiency.bytes_per_token = NAN;
  self->date = "";
  self->models_text = g_strdup ("");
}

BenchGroupKind bench_group_get_kind (BenchGroup *self) { return self->kind; }
const char *bench_group_get_key (BenchGroup *self) { return self->key; }
const char *
bench_group_get_label (BenchGroup *self)
{
  /* a machine the user named after it was grouped */
  if (self->kind == BENCH_GROUP_HARDWARE && self->results->len > 0)
    return bench_result_get_hardware_label (g_ptr_array_index (self->results, 0));
  return self->label;
}
GPtrArray *bench_group_get_results (BenchGroup *self) { return self->results; }
guint bench_group_get_n_results (BenchGroup *self) { return self->results->len; }
double bench_group_get_best_pp (BenchGroup *self) { return self->best_pp; }
double bench_group_get_best_tg (BenchGroup *self) { return self->best_tg; }
const BenchEfficiency *bench_group_get_efficiency (BenchGroup *self) { return &self->efficiency; }
BenchResult *bench_group_get_efficiency_result (BenchGroup *self) { return self->efficiency_result; }

char *
bench_group_dup_efficiency_text (BenchGroup *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP (self), NULL);
  return bench_efficiency_dup_text (&self->efficiency);
}

/* Is @a a better run to show than @b: a known share beats none, then the
 * higher share; without shares, the higher bandwidth. */
static gboolean
efficiency_better (const BenchEfficiency *a,
                   const BenchEfficiency *b)
{
  if (isnan (a->bandwidth_gbs))
    return FALSE;
  if (isnan (b->bandwidth_gbs))
    return TRUE;
  if (!isnan (a->share) || !isnan (b->share))
    return isnan (b->share) || (!isnan (a->share) && a->share > b->share);
  return a->bandwidth_gbs > b->bandwidth_gbs;
}

/* doubles that are both missing are the same figure */
static gboolean
same_figure (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* From result @from on, @from > 0 when the results before were scanned
 * already (the group grew at its end): the best so far stays unless a new
 * run beats it, as a scan of all would find. */
static void
update_efficiency_from (BenchGroup *self,
                        guint       from)
{
  BenchEfficiency best = { .bandwidth_gbs = NAN, .share = NAN, .share_max = NAN,
                           .bytes_per_token = NAN };
  BenchResult *best_result = NULL;
  /* a group's results come from a few setups (model × machine × cache
   * types): each is computed once, then only depth and speed change */
  struct { BenchEfficiencySetup setup; BenchEfficiency eff; } seen[8];
  guint n_seen = 0, next_slot = 0;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  double share_before, gbs_before;

  before = bench_efficiency_dup_text (&self->efficiency);
  share_before = self->efficiency.share;
  gbs_before = self->efficiency.bandwidth_gbs;
  if (from > 0 && self->efficiency_result != NULL)
    {
      best = self->efficiency;
      best_result = self->efficiency_result;
    }
  for (guint i = from; i < self->results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (self->results, i);
      BenchEfficiency e;

      if (bench_result_get_test_kind (r) != BENCH_TEST_TG)
        continue;
      BenchEfficiencySetup setup;
      guint k;

      bench_efficiency_setup_of (r, &setup);
      for (k = 0; k < n_seen; k++)
        if (memcmp (&seen[k].setup, &setup, sizeof setup) == 0)
          break;
      if (k < n_seen)
        bench_efficiency_compute_like (r, &seen[k].eff, &e);
      else
        {
          bench_efficiency_compute (r, NULL, &e);
          k = n_seen < G_N_ELEMENTS (seen) ? n_seen++ : next_slot++ % G_N_ELEMENTS (seen);
          seen[k].setup = setup;
          seen[k].eff = e;
        }
      if (efficiency_better (&e, &best))
        {
          best = e;
          best_result = r;
        }
    }
  if (best_result == NULL && self->results->len > 0)
    {
      /* no generation run with a bandwidth: say why for the first one */
      for (guint i = from; i < self->results->len && best_result == NULL; i++)
        if (bench_result_get_test_kind (g_ptr_array_index (self->results, i)) == BENCH_TEST_TG)
          {
            best_result = g_ptr_array_index (self->results, i);
            bench_efficiency_compute (best_result, NULL, &best);
          }
    }
  self->efficiency = best;
  self->efficiency_result = best_result;
  after = bench_efficiency_dup_text (&self->efficiency);
  if (g_strcmp0 (before, after) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFICIENCY_TEXT]);
  if (!same_figure (share_before, best.share))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANDWIDTH_SHARE]);
  if (!same_figure (gbs_before, best.bandwidth_gbs))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BANDWIDTH_GBS]);
}

void
bench_group_update_efficiency (BenchGroup *self)
{
  g_return_if_fail (BENCH_IS_GROUP (self));
  update_efficiency_from (self, 0);
}

guint bench_group_get_n_machines (BenchGroup *self) { return self->n_machines; }
guint bench_group_get_n_models (BenchGroup *self) { return self->n_models; }
const char *bench_group_get_models_text (BenchGroup *self) { return self->models_text; }
const char *bench_group_get_date (BenchGroup *self) { return self->date; }

BenchResult *
bench_group_get_first (BenchGroup *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP (self), NULL);
  return self->results->len ? g_ptr_array_index (self->results, 0) : NULL;
}

static char *group_key_text (BenchResult *result, BenchGroupKind kind);

/* Longer keys are their digest: a model or machine string can be
 * megabytes long, and the dataset hashes each key on the main thread
 * every time a file adds to its group. */
#define MAX_KEY_BYTES 256

static char *
compact_key (char *key)
{
  g_autofree char *digest = NULL;

  if (strlen (key) <= MAX_KEY_BYTES)
    return key;
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_free (key);
  return g_strconcat ("\x1f#", digest, NULL);
}

static char *
group_key (BenchResult    *result,
           BenchGroupKind  kind)
{
  return compact_key (group_key_text (result, kind));
}

static char *
group_key_text (BenchResult    *result,
                BenchGroupKind  kind)
{
  switch (kind)
    {
    case BENCH_GROUP_RUN:
      return g_strdup_printf ("%s\x1f%u", bench_result_get_source (result),
                              bench_result_get_run_index (result));
    case BENCH_GROUP_MODEL:
      {
        /* Markdown has no file name and rounds size and parameters to the
         * two decimals it prints: type, size and parameters as printed name
         * a model in every format. */
        g_autofree char *size = bench_format_size (bench_result_get_model_size (result));
        g_autofree char *params = bench_format_params (bench_result_get_model_n_params (result));
        return g_strdup_printf ("%s\x1f%s\x1f%s", bench_result_get_model_type (result), size, params);
      }
    case BENCH_GROUP_HARDWARE:
    default:
      return g_strdup (bench_result_get_hardware_key (result));
    }
}

static char *group_label_text (BenchResult *result, BenchGroupKind kind);

/* a label for people: as long as a line, however long the input */
static char *
group_label (BenchResult    *result,
             BenchGroupKind  kind)
{
  g_autofree char *text = group_label_text (result, kind);

  return bench_text_ellipsize_for_display (text, BENCH_DISPLAY_MAX_CHARS);
}

static char *
group_label_text (BenchResult    *result,
                  BenchGroupKind  kind)
{
  switch (kind)
    {
    case BENCH_GROUP_RUN:
      {
        const char *commit = bench_result_get_build_commit (result);
        if (commit != NULL && *commit != '\0')
          {
            g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       bench_result_get_build_number (result));
            /* Translators: a run's label: "file — build abc1234 (8067)" */
            return g_strdup_printf (_("%s — build %s (%s)"),
                                    bench_result_get_source (result), commit, number);
          }
        return g_strdup (bench_result_get_source (result));
      }
    case BENCH_GROUP_MODEL:
      return g_strdup (bench_result_get_model_type (result));
    case BENCH_GROUP_HARDWARE:
    default:
      return g_strdup (bench_result_get_hardware_label (result));
    }
}

static void
set_figure (BenchGroup *self,
            double     *field,
            double      value,
            guint       prop_id)
{
  if (same_figure (*field, value))
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_count (BenchGroup *self,
           guint      *field,
           guint       value,
           guint       prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static guint n_recomputes;   /* atomic */

guint
bench_group_get_n_recomputes (void)
{
  return g_atomic_int_get (&n_recomputes);
}

/* The machines and models seen, kept once a group grows at its end (a
 * file added after others: the machine's group gets each file's results),
 * so that growing costs what was added. */
struct _Tally
{
  GHashTable *machines;
  GHashTable *models;
  GString    *models_text;   /* all of it; the property shows a line */
};

static Tally *
tally_new (void)
{
  Tally *tally = g_new0 (Tally, 1);

  tally->machines = g_hash_table_new (g_str_hash, g_str_equal);
  tally->models = g_hash_table_new (g_str_hash, g_str_equal);
  tally->models_text = g_string_new (NULL);
  return tally;
}

static void
tally_free (Tally *tally)
{
  g_hash_table_unref (tally->machines);
  g_hash_table_unref (tally->models);
  g_string_free (tally->models_text, TRUE);
  g_free (tally);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tally, tally_free)

/* Adds results @from to @to to @tally and the best figures and date. */
static void
scan (BenchGroup  *self,
      Tally       *tally,
      guint        from,
      guint        to,
      double      *best_pp,
      double      *best_tg,
      const char **date)
{
  BenchResult *previous = from > 0 ? g_ptr_array_index (self->results, from - 1) : NULL;

  for (guint i = from; i < to; i++)
    {
      BenchResult *r = g_ptr_array_index (self->results, i);
      double ts = bench_result_get_avg_ts (r);
      const char *model = bench_result_get_model_type (r);
      const char *time = bench_result_get_test_time (r);

      switch (bench_result_get_test_kind (r))
        {
        case BENCH_TEST_PP:
          if (isfinite (ts) && !(ts <= *best_pp))
            *best_pp = ts;
          break;
        case BENCH_TEST_TG:
          if (isfinite (ts) && !(ts <= *best_tg))
            *best_tg = ts;
          break;
        case BENCH_TEST_PG:
        default:
          break;
        }
      /* the machine and model sets only change where the results do */
      if (previous == NULL || bench_result_get_hardware_key (previous) != bench_result_get_hardware_key (r) ||
          bench_result_get_model_type (previous) != model)
        {
          g_hash_table_add (tally->machines, (gpointer) bench_result_get_hardware_key (r));
          if (g_hash_table_add (tally->models, (gpointer) model))
            {
              if (tally->models_text->len > 0)
                g_string_append (tally->models_text, ", ");
              g_string_append (tally->models_text, model);
            }
        }
      previous = r;
      if (time != NULL && *time != '\0' && (**date == '\0' || strcmp (time, *date) < 0))
        *date = time;
    }
}

/* The one place where a group's figures are computed from its results; it
 * notifies the properties whose values changed. @from > 0: the results
 * before it are those the figures were computed from (the group grew at
 * its end), only the others are read. */
static void
recompute (BenchGroup  *self,
           BenchResult *old_first,
           guint        old_n_results,
           guint        from)
{
  g_autoptr (Tally) scratch = NULL;
  Tally *tally;
  double best_pp = NAN, best_tg = NAN;
  const char *date = "";

  g_atomic_int_inc (&n_recomputes);
  g_object_freeze_notify (G_OBJECT (self));

  if (from == 0)
    {
      g_clear_pointer (&self->tally, tally_free);
      tally = scratch = tally_new ();
    }
  else
    {
      if (self->tally == NULL)
        {
          double pp = NAN, tg = NAN;
          const char *d = "";

          self->tally = tally_new ();
          scan (self, self->tally, 0, from, &pp, &tg, &d);
        }
      tally = self->tally;
      best_pp = self->best_pp;
      best_tg = self->best_tg;
      date = self->date;
    }
  scan (self, tally, from, self->results->len, &best_pp, &best_tg, &date);

  set_figure (self, &self->best_pp, best_pp, PROP_BEST_PP);
  set_figure (self, &self->best_tg, best_tg, PROP_BEST_TG);
  set_count (self, &self->n_machines, g_hash_table_size (tally->machines), PROP_N_MACHINES);
  set_count (self, &self->n_models, g_hash_table_size (tally->models), PROP_N_MODELS);
  {
    /* a model type can be megabytes long: the row shows a line of it */
    g_autofree char *shown = bench_text_ellipsize_for_display (tally->models_text->str,
                                                               BENCH_DISPLAY_MAX_CHARS);

    if (strcmp (self->models_text, shown) != 0)
      {
        g_free (self->models_text);
        self->models_text = g_steal_pointer (&shown);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODELS_TEXT]);
      }
  }
  if (strcmp (self->date, date) != 0)
    {
      self->date = date;   /* owned by the results' string pool */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }
  if (self->results->len != old_n_results)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
  if (bench_group_get_first (self) != old_first)
    {
      BenchResult *first = bench_group_get_first (self);
      g_autofree char *label = first != NULL ? group_label (first, self->kind) : g_strdup ("");

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST]);
      if (g_strcmp0 (label, self->label) != 0)
        {
          g_free (self->label);
          self->label = g_steal_pointer (&label);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
        }
    }
  update_efficiency_from (self, from);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
bench_group_set_results (BenchGroup *self,
                         GPtrArray  *results)
{
  g_autoptr (BenchResult) old_first = NULL;
  guint old_n_results;

  g_return_val_if_fail (BENCH_IS_GROUP (self), FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  if (results == self->results ||
      (results->len == self->results->len &&
       (results->len == 0 ||
        memcmp (results->pdata, self->results->pdata, results->len * sizeof (gpointer)) == 0)))
    return FALSE;

  old_first = bench_group_get_first (self) ? g_object_ref (bench_group_get_first (self)) : NULL;
  old_n_results = self->results->len;
  /* the old array stays valid for whoever holds a reference to it */
  g_ptr_array_unref (self->results);
  self->results = g_ptr_array_ref (results);
  recompute (self, old_first, old_n_results, 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
bench_group_append_results (BenchGroup *self,
                            GPtrArray  *more)
{
  g_autoptr (BenchResult) old_first = NULL;
  GPtrArray *results;
  guint old_n_results;

  g_return_val_if_fail (BENCH_IS_GROUP (self), FALSE);
  g_return_val_if_fail (more != NULL, FALSE);

  if (more->len == 0)
    return FALSE;
  old_first = bench_group_get_first (self) ? g_object_ref (bench_group_get_first (self)) : NULL;
  old_n_results = self->results->len;
  results = g_ptr_array_copy (self->results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_extend (results, more, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_unref (self->results);
  self->results = results;
  recompute (self, old_first, old_n_results, old_n_results);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* What makes a result's group key, by identity: interned strings by
 * pointer and numbers. Equal identities mean equal keys (the reverse need
 * not hold: two files intern the same text apart). */
typedef struct
{
  const char *text;
  gint64      a, b;
} Identity;

static Identity
identity_of (BenchResult    *r,
             BenchGroupKind  kind)
{
  switch (kind)
    {
    case BENCH_GROUP_RUN:
      return (Identity) { bench_result_get_source (r), bench_result_get_run_index (r), 0 };
    case BENCH_GROUP_MODEL:
      return (Identity) { bench_result_get_model_type (r), bench_result_get_model_size (r),
                          bench_result_get_model_n_params (r) };
    case BENCH_GROUP_HARDWARE:
    default:
      return (Identity) { bench_result_get_hardware_key (r), 0, 0 };
    }
}

static guint
identity_hash (gconstpointer p)
{
  const Identity *id = p;
  return g_direct_hash (id->text) ^ g_int64_hash (&id->a) ^ (g_int64_hash (&id->b) << 1);
}

static gboolean
identity_equal (gconstpointer a,
                gconstpointer b)
{
  const Identity *x = a, *y = b;
  return x->text == y->text && x->a == y->a && x->b == y->b;
}

static void
part_free (gpointer data)
{
  BenchGroupPart *part = data;

  g_free (part->key);
  g_ptr_array_unref (part->results);
  g_clear_object (&part->group);
  g_free (part);
}

GPtrArray *
bench_group_partition (GPtrArray      *results,
                       BenchGroupKind  kind)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (part_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  /* 100,000 results come from a few hundred identities: make each key once */
  g_autoptr (GHashTable) by_identity = g_hash_table_new_full (identity_hash, identity_equal, g_free, NULL);

  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);
      Identity id = identity_of (result, kind);
      BenchGroupPart *part = g_hash_table_lookup (by_identity, &id);

      if (part == NULL)
        {
          g_autofree char *key = group_key (result, kind);

          part = g_hash_table_lookup (by_key, key);
          if (part == NULL)
            {
              part = g_new0 (BenchGroupPart, 1);
              part->key = g_steal_pointer (&key);
              part->results = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (by_key, part->key, part);
              g_ptr_array_add (parts, part);
            }
          g_hash_table_insert (by_identity, g_memdup2 (&id, sizeof id), part);
        }
      g_ptr_array_add (part->results, g_object_ref (result));
    }
  return parts;
}

BenchGroup *
bench_group_new_with_results (BenchGroupKind  kind,
                              const char     *key,
                              GPtrArray      *results)
{
  BenchGroup *group;

  g_return_val_if_fail (key != NULL && results != NULL && results->len > 0, NULL);

  group = g_object_new (BENCH_TYPE_GROUP, NULL);
  group->kind = kind;
  group->key = g_strdup (key);
  group->label = group_label (g_ptr_array_index (results, 0), kind);
  g_ptr_array_unref (group->results);
  group->results = g_ptr_array_ref (results);
  /* its label is its first result's already */
  recompute (group, bench_group_get_first (group), 0, 0);
  return group;
}

GPtrArray *
bench_group_results (GPtrArray      *results,
                     BenchGroupKind  kind)
{
  g_autoptr (GPtrArray) parts = bench_group_partition (results, kind);
  GPtrArray *groups = g_ptr_array_new_full (parts->len, g_object_unref);

  for (guint i = 0; i < parts->len; i++)
    {
      BenchGroupPart *part = g_ptr_array_index (parts, i);
      g_ptr_array_add (groups, bench_group_new_with_results (kind, part->key, part->results));
    }
  return groups;
}

gboolean
bench_group_get_compared (BenchGroup *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP (self), TRUE);
  return !self->left_out;
}

void
bench_group_set_compared (BenchGroup *self,
                          gboolean    compared)
{
  g_return_if_fail (BENCH_IS_GROUP (self));
  if (self->left_out == !compared)
    return;
  self->left_out = !compared;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARED]);
}
