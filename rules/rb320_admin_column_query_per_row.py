"""RB320: a Django admin changelist column that runs a query for every row of the page."""

from __future__ import annotations

from reviewbot.rules._admin_checks import MODELS_FACT, AdminColumnRule
from reviewbot.ruleset.api import Invalid, RuleDoc, Valid

_ADMIN = "from django.contrib import admin\n\nfrom shop.models import Order\n\n\n"
_MODEL = (
    "from django.contrib import admin\nfrom django.db import models\n\n\n"
    "class Order(models.Model):\n"
    "    number = models.CharField(max_length=20)\n"
    "    customer = models.ForeignKey('Customer', on_delete=models.PROTECT)\n"
    "    courier = models.ForeignKey('Courier', null=True, on_delete=models.SET_NULL)\n\n\n"
)


def _shop(**relations: str) -> dict[str, object]:
    """A project whose ``Order`` (in another module) has ``relations``, and a ``Project`` whose
    ``owner`` comes from its model base."""
    return {
        MODELS_FACT: {
            "relations": {"Order": relations, "Project": {}, "OwnedModel": {"owner": "forward"}},
            "bases": {
                "Order": ["Model"],
                "Project": ["OwnedModel", "CacheMixin"],
                "OwnedModel": ["Model"],
            },
            "nullable": {"Order": [], "Project": [], "OwnedModel": []},
        }
    }


_ORDER = _shop(customer="forward", carrier="forward", tags="to-many", lines="reverse:to-many")


class AdminColumnQueryPerRow(AdminColumnRule):
    """Flags ``list_display`` columns that read a relation the changelist queryset did not load."""

    code = "RB320"
    name = "admin-column-query-per-row"
    doc = RuleDoc(
        what=(
            "Checks for a Django admin changelist column that reads a relation of its row which "
            "the changelist's queryset does not load. Django calls each `list_display` column "
            "once per row, so the query hides in the framework's loop, not in the code. "
            "Reported, in a `ModelAdmin` subclass or a class registered with "
            "`@admin.register(...)`, when the admin's model says the name is a relation:\n\n"
            "* a method column (`def customer_email(self, obj)`) that reads a forward relation "
            "(`obj.customer.email`) not joined by `list_select_related` or by "
            "`select_related`/`prefetch_related` in the admin's `get_queryset`;\n"
            "* a method column that calls a related manager (`obj.lines.count()`, "
            "`obj.tags.all()`, `obj.lines.filter(...)`) that `get_queryset` does not prefetch "
            "(a prefetch serves `all()`, `count()`, `exists()`, `first()` and `last()`, never "
            "`filter()`, `exclude()`, `order_by()` or `aggregate()`);\n"
            "* a `list_display` string naming a `ForeignKey`/`OneToOneField` of the model (it "
            "shows `str(obj.customer)`) that is not joined.\n\n"
            "What Django joins is read as Django does: a `select_related` in `get_queryset` "
            "replaces `list_select_related`; `list_select_related = True`, and an unset one "
            "when a `list_display` string names a foreign key, add `select_related()`, which "
            "follows every foreign key except the ones the model declares `null=True`. "
            "One finding per column, at its first unloaded read.\n\n"
            "The model is the one the admin is registered for (`@admin.register(Order)` or "
            "`admin.site.register(Order, OrderAdmin)`): defined in the same module, or read "
            "from the project's models (`django-models`, from the committed files through "
            "git): its `ForeignKey`, `OneToOneField` and `ManyToManyField` fields and nullable "
            "foreign keys, those of its model bases, and the reverse relations other models' "
            "`related_name` give it; any `<name>_set` is a reverse relation. A name the model "
            "does not declare (a property, a cached attribute such as `obj.stats.words`) is not "
            "a query. Not known: outside git, a model that two modules define differently, one "
            "with a model base from a library (`TimeStampedModel`), and a model the project "
            "does not define (`User`); a read that only its name makes a relation is RB322's "
            "(`strict`). A model of the same module is read alone: a reverse relation another "
            "module names is RB322's too. A `get_queryset` that calls a queryset method this "
            "module cannot read (`qs.with_customer()`) is assumed to load everything. Not "
            "reported: reads of the row's own fields, names `get_queryset` annotates, and "
            "classes that are not admins."
        ),
        why=(
            "The changelist shows `list_per_page` rows (100 by default). A column that loads "
            "a related row, or counts related rows, does it with its own query for every row: "
            "one page load runs 100 extra queries per such column, on every visit, search and "
            "filter, and admin pages over large tables become the slowest pages of the site. "
            "Nothing in the code shows a loop, so the N+1 goes unnoticed in review and in tests "
            "with a handful of rows."
        ),
        example=(
            f"{_MODEL}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'courier', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n"
        ),
        use_instead=(
            f"{_MODEL}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'courier', 'customer_email')\n"
            "    list_select_related = ('courier', 'customer')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n"
        ),
        fix_safety=(
            "No automatic fix: which relations to join, and whether a count belongs in an "
            "annotation, depends on the model and on the other columns."
        ),
    )
    valid = (
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "`list_select_related` joins the customer",
            facts=_ORDER,
        ),
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'tag_names')\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).prefetch_related('tags')\n\n"
            "    def tag_names(self, obj):\n"
            "        return ', '.join(tag.name for tag in obj.tags.all())\n",
            "`get_queryset` prefetches the tags: two queries for the page",
            facts=_ORDER,
        ),
        Valid(
            "from django.contrib import admin\nfrom django.db.models import Count\n\n"
            "from shop.models import Order\n\n\n"
            "@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'line_count')\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).annotate(line_total=Count('lines'))\n\n"
            "    @admin.display(ordering='line_total')\n"
            "    def line_count(self, obj):\n"
            "        return obj.line_total\n",
            "the count is an annotation of the changelist's own query",
            facts=_ORDER,
        ),
        Valid(
            f"{_MODEL}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "listing the foreign key makes Django add `select_related()`, which follows the "
            "non-null `customer`",
        ),
        Valid(
            "from django.contrib import admin\n\nfrom shop.models import Project\n\n\n"
            "@admin.register(Project)\n"
            "class ProjectAdmin(admin.ModelAdmin):\n"
            "    list_display = ('name', 'word_count')\n\n"
            "    def word_count(self, obj):\n"
            "        return obj.stats.words\n",
            "the project's `Project` model has no relation `stats`: a property, not a query",
            facts=_ORDER,
        ),
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "the model cannot be seen (outside git): only RB322 reports a relation by its name",
        ),
        Valid(
            "class OrderReport:\n"
            "    list_display = ('number', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "not a Django admin",
            facts=_ORDER,
        ),
    )
    invalid = (
        Invalid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email', 'line_count')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n\n"
            "    def line_count(self, obj):\n"
            "        return obj.lines.count()\n",
            lines=(11, 14),
            facts=_ORDER,
        ),
        Invalid(
            f"{_MODEL}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'courier')\n",
            lines=(13,),
            note="a nullable foreign key: the `select_related()` Django adds skips it",
        ),
        Invalid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def get_queryset(self, request):\n"
            "        return super().get_queryset(request).select_related('carrier')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            lines=(15,),
            note="a `select_related` in `get_queryset` makes Django ignore `list_select_related`",
            facts=_ORDER,
        ),
        Invalid(
            "from django.contrib import admin\n\nfrom shop.models import Project\n\n\n"
            "@admin.register(Project)\n"
            "class ProjectAdmin(admin.ModelAdmin):\n"
            "    list_display = ('name', 'owner_email', 'word_count')\n\n"
            "    def owner_email(self, obj):\n"
            "        return obj.owner.email\n\n"
            "    def word_count(self, obj):\n"
            "        return obj.stats.words\n",
            lines=(11,),
            note="`owner` is a relation the project's `Project` inherits from its model base",
            facts=_ORDER,
        ),
    )
