"""RB322: a Django admin changelist column whose read looks like a relation of a model reviewbot
cannot see, so it may run a query for every row of the page."""

from __future__ import annotations

from reviewbot.rules._admin_checks import MODELS_FACT, AdminColumnRule
from reviewbot.ruleset.api import Invalid, RuleDoc, Valid

_ADMIN = "from django.contrib import admin\n\nfrom shop.models import Order\n\n\n"
_KNOWN = {
    MODELS_FACT: {
        "relations": {"Order": {"customer": "forward"}},
        "bases": {"Order": ["Model"]},
        "nullable": {"Order": []},
    }
}


class AdminColumnGuessedRelation(AdminColumnRule):
    """Flags ``list_display`` columns reading, by its name, a relation of an unseen model."""

    code = "RB322"
    name = "admin-column-guessed-relation"
    guessed = True
    doc = RuleDoc(
        what=(
            "Checks for a Django admin changelist column that reads what looks like a relation "
            "of its row (`obj.customer.email`, `obj.lines.count()`) when reviewbot cannot see "
            "the model's fields: outside git, for a model the project does not define (`User`), "
            "one two modules define differently, one with a model base from a library, or a "
            "reverse relation another module names on a model of this module. RB320 reports the "
            "reads a model confirms; this rule reports, once per column and only where RB320 has "
            "nothing to say, a read it takes for a relation by its name: `obj.<name>.<attr>` "
            "unless `<name>` looks like a field value (`created_at`, `photo`, `price`, `status`, "
            "... and attributes such as `.year`, `.url`, `.amount`: the vocabulary of RB304), is "
            "a non-relational field of a model of the same module, or is a name `get_queryset` "
            "annotates; and a related manager's call. What the changelist loads is read as "
            "RB320 reads it. The message says the read is a guess.\n\n"
            "In `strict` only: on the precision corpora (tests/benchmarks/PRECISION_APPLICATIONS"
            ".md) every such guess was a property or a cached attribute, not a relation."
        ),
        why=(
            "If the name is a relation, Django fetches it with its own query for each of the "
            "`list_per_page` rows of every changelist page (100 by default). If it is a "
            "property, nothing is wrong: only the model can say which."
        ),
        example=(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n"
        ),
        use_instead=(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n"
        ),
        fix_safety="No automatic fix: only the model says whether the name is a relation.",
    )
    valid = (
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "the project's model confirms `customer`: RB320 reports it, not this rule",
            facts=_KNOWN,
        ),
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'word_count')\n\n"
            "    def word_count(self, obj):\n"
            "        return obj.stats.words\n",
            "the project's model has no relation `stats`: not a query",
            facts=_KNOWN,
        ),
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'placed')\n\n"
            "    def placed(self, obj):\n"
            "        return obj.created_at.date()\n",
            "the row's own field, by its name",
        ),
        Valid(
            f"{_ADMIN}@admin.register(Order)\n"
            "class OrderAdmin(admin.ModelAdmin):\n"
            "    list_display = ('number', 'customer_email')\n"
            "    list_select_related = ('customer',)\n\n"
            "    def customer_email(self, obj):\n"
            "        return obj.customer.email\n",
            "`list_select_related` joins it, relation or not",
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
            note="outside git no model is known",
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
        ),
    )
