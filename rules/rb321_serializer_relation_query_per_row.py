"""RB321: a DRF view whose serializer reads a relation its queryset did not load, per object."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import libcst as cst

from reviewbot.engine.context import RuleContext
from reviewbot.engine.names import module_name
from reviewbot.findings import Category, Severity
from reviewbot.rules._admin_columns import PREFETCH_SERVED
from reviewbot.rules._drf_views import DrfView, QuerysetLoads, drf_view, resolve
from reviewbot.ruleset.api import Invalid, NodeRule, RuleDoc, Valid

FACT = "drf-serializers"
_VIEWS = (
    "from rest_framework import generics, viewsets\n\nfrom .serializers import BookSerializer\n"
)
_NESTED = {
    "relation": "publisher", "kind": "forward", "method": "", "field": "publisher",
    "via": "nested", "detail": "PublisherSerializer", "path": "serializers.py", "line": 12,
}  # fmt: skip
_OWNER = {
    "relation": "owner", "kind": "forward", "method": "", "field": "owner", "via": "related",
    "detail": "SlugRelatedField", "path": "serializers.py", "line": 14,
}  # fmt: skip
_TAGS = {
    "relation": "tags", "kind": "to-many", "method": "", "field": "tags", "via": "nested",
    "detail": "TagSerializer", "path": "serializers.py", "line": 13,
}  # fmt: skip
_SOURCE = {
    "relation": "author", "kind": "forward", "method": "", "field": "author_name",
    "via": "source", "detail": "author.name", "path": "serializers.py", "line": 14,
}  # fmt: skip
_COUNT = {
    "relation": "reviews", "kind": "manager", "method": "count", "field": "review_count",
    "via": "method", "detail": "obj.reviews.count()", "function": "get_review_count",
    "path": "serializers.py", "line": 21,
}  # fmt: skip


def _reads(*reads: Mapping[str, object]) -> dict[str, object]:
    return {FACT: {"serializers.BookSerializer": list(reads)}}


@dataclass(frozen=True)
class _Read:
    """One ``drf-serializers`` record, as the rule reads it."""

    relation: str
    kind: str
    method: str
    field: str
    via: str
    detail: str
    path: str
    line: int
    function: str = ""

    def where(self) -> str:
        """Where the serializer reads the relation, for the message."""
        place = f"{PurePosixPath(self.path).name}:{self.line}"
        if self.via == "nested":
            return f"its nested `{self.detail}` field `{self.field}`, {place}"
        if self.via == "model":
            made = "nests it (`Meta.depth`)" if self.kind == "forward" else "makes it a list of ids"
            return f"`Meta.fields` names `{self.field}` of `{self.detail}`, and ModelSerializer {made}, {place}"
        if self.via == "related":
            return f"its `{self.detail}` field `{self.field}`, {place}"
        if self.via == "source":
            return f'its field `{self.field}` with `source="{self.detail}"`, {place}'
        return f"`{self.detail}` in `{self.function}`, {place}"

    def loaded_by(self, loads: QuerysetLoads) -> bool:
        """Whether the queryset's rows come with what this read needs."""
        if self.kind == "forward":
            return loads.joins(self.relation) or loads.prefetches(self.relation)
        served = self.kind == "to-many" or self.method in PREFETCH_SERVED
        return served and loads.prefetches(self.relation)

    def advice(self) -> str:
        """What to add to the queryset."""
        if self.kind == "forward":
            return f'add `.select_related("{self.relation}")` to the queryset'
        if self.kind == "manager" and self.method not in PREFETCH_SERVED:
            return (
                f"a prefetch does not serve `.{self.method}()`: prefetch the subset with "
                f'`Prefetch("{self.relation}", queryset=..., to_attr=...)` and read that'
            )
        return f'add `.prefetch_related("{self.relation}")` to the queryset'


class SerializerRelationQueryPerRow(NodeRule):
    """Flags DRF views whose serializer reads, per object, a relation the queryset did not load."""

    code = "RB321"
    name = "serializer-relation-query-per-row"
    category = Category.PERFORMANCE
    severity = Severity.WARNING
    uses_facts = (FACT,)
    doc = RuleDoc(
        what=(
            "Checks for a Django REST framework view whose `serializer_class` reads a relation "
            "of each object that the view's queryset does not load. DRF serializes every "
            "object of the queryset in a loop of its own, so the query hides in the framework, "
            "not in the code. The serializer may live in another module: the view's imports "
            "name it (`from .serializers import BookSerializer`), and what it reads comes from "
            "the project's serializer modules as committed. A serializer reads a relation "
            "through:\n\n"
            "* a nested serializer field (`publisher = PublisherSerializer()`, or with "
            '`many=True` a to-many relation; `source="*"` reads nothing);\n'
            "* a relational field that loads the related object to show it "
            "(`SlugRelatedField`, `StringRelatedField`), or a `PrimaryKeyRelatedField` or "
            "`HyperlinkedRelatedField` with `many=True` (one without reads the key's id, no "
            "query);\n"
            '* a name of a `ModelSerializer`\'s `Meta.fields` (or `"__all__"`) it declares no '
            "field for, which DRF generates from the model: a many-to-many field or a reverse "
            "relation (a foreign key's `related_name`) becomes a list of ids, one query per "
            "object, and with `Meta.depth` every relation is nested. The models are read from "
            "the project's committed modules, matched by class name; a field two models of "
            "one name declare differently is left out;\n"
            '* a field with a dotted source (`source="publisher.name"`);\n'
            "* a `SerializerMethodField` whose `get_<name>(self, obj)` reads "
            "`obj.publisher.name` or calls `obj.reviews.count()` (the vocabulary of RB304 and "
            "RB320 leaves out field values: `obj.created_at.year` is not a relation).\n\n"
            "Fields and methods a serializer inherits from serializers of its own module count. "
            "The view's queryset is read when it is `Model.objects` followed by known queryset "
            "steps, as the `queryset` attribute or the one `return` of `get_queryset`. A "
            "forward relation is loaded by `select_related` (`'a__b'` loads `a`) or "
            "`prefetch_related`; a to-many one, and a related manager's `all()`, `count()`, "
            "`exists()`, `first()` or `last()`, by `prefetch_related`; `filter()` and the like "
            "always query. One finding per view and relation, on the `serializer_class` line.\n\n"
            "Not reported: a view that serializes one object (`RetrieveAPIView`, "
            "`UpdateAPIView`, `CreateAPIView`, ..., or mixins without `ListModelMixin` beside "
            "no listing viewset), a view whose `http_method_names` leaves out `get` (it never "
            "lists), a queryset ending in `.none()` (no rows), a "
            "view that picks its serializer in `get_serializer_class`, a queryset reviewbot "
            "cannot read (`super().get_queryset()`, a custom manager or queryset method, a "
            "`get_queryset` with several returns: it may load anything), a serializer it "
            "cannot resolve or whose module is not committed, and a project outside git."
        ),
        why=(
            "A list endpoint serializes every object of the page (or of the whole queryset "
            "without pagination). A relation its queryset did not load is fetched with its own "
            "query for each object: a page of 100 books runs 100 extra queries per such field, "
            "on every request. Nothing in the view shows a loop and tests with three rows run "
            "fast, so the N+1 is found in production."
        ),
        example=(
            "# serializers.py\n"
            "class BookSerializer(serializers.ModelSerializer):\n"
            "    publisher = PublisherSerializer(read_only=True)\n\n"
            "    class Meta:\n"
            "        model = Book\n"
            '        fields = ["title", "publisher"]\n\n\n'
            "# views.py\n"
            "class BookViewSet(viewsets.ModelViewSet):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n"
        ),
        use_instead=(
            "# views.py\n"
            "class BookViewSet(viewsets.ModelViewSet):\n"
            '    queryset = Book.objects.select_related("publisher")\n'
            "    serializer_class = BookSerializer\n"
        ),
        fix_safety=(
            "No automatic fix: whether to join, prefetch or annotate depends on the model and "
            "on the other views that share the queryset."
        ),
    )
    valid = (
        Valid(
            f"{_VIEWS}\n\nclass CloneBookViewSet(viewsets.ModelViewSet):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n"
            "    http_method_names = ['post']\n",
            "the view answers POST only: it never lists",
            facts=_reads(_NESTED),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookCreateViewSet(viewsets.ModelViewSet):\n"
            "    queryset = Book.objects.none()\n"
            "    serializer_class = BookSerializer\n",
            "`.none()`: there are no rows to serialize",
            facts=_reads(_NESTED),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookList(generics.ListAPIView):\n"
            '    queryset = Book.objects.select_related("publisher__country")\n'
            "    serializer_class = BookSerializer\n",
            "`select_related` joins the publisher",
            facts=_reads(_NESTED),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookViewSet(viewsets.ModelViewSet):\n"
            '    queryset = Book.objects.prefetch_related("reviews", "tags")\n'
            "    serializer_class = BookSerializer\n",
            "prefetched: the count and the tags come from the prefetch cache",
            facts=_reads(_COUNT, _TAGS),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookDetail(generics.RetrieveUpdateDestroyAPIView):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n",
            "a view of one object",
            facts=_reads(_NESTED),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookViewSet(viewsets.ModelViewSet):\n"
            "    serializer_class = BookSerializer\n\n"
            "    def get_queryset(self):\n"
            "        return super().get_queryset().for_user(self.request.user)\n",
            "a queryset reviewbot cannot read may load anything",
            facts=_reads(_NESTED),
        ),
        Valid(
            f"{_VIEWS}\n\nclass BookList(generics.ListAPIView):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n",
            'the serializer reads only field values (`obj.created_at.year`, `source="*"`): '
            "the fact records no relation",
            facts=_reads(),
        ),
    )
    invalid = (
        Invalid(
            f"{_VIEWS}\n\nclass BookViewSet(viewsets.ModelViewSet):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n",
            lines=(8, 8),
            note="a nested serializer and a method field's count",
            facts=_reads(_NESTED, _COUNT),
        ),
        Invalid(
            f"{_VIEWS}\n\nclass BookList(generics.ListAPIView):\n"
            '    queryset = Book.objects.filter(published=True).select_related("publisher")\n'
            "    serializer_class = BookSerializer\n",
            lines=(8,),
            note="a dotted source; `select_related` joins another relation",
            facts=_reads(_NESTED, _SOURCE),
        ),
        Invalid(
            f"{_VIEWS}\n\nclass BookList(generics.ListAPIView):\n"
            "    serializer_class = BookSerializer\n\n"
            "    def get_queryset(self):\n"
            '        return Book.objects.filter(shelf=self.kwargs["shelf"])\n',
            lines=(7,),
            note="the one return of `get_queryset` is read",
            facts=_reads(_TAGS),
        ),
        Invalid(
            f"{_VIEWS}\n\nclass BookViewSet(CreateModelMixin, viewsets.ReadOnlyModelViewSet):\n"
            "    queryset = Book.objects.all()\n"
            "    serializer_class = BookSerializer\n",
            lines=(8,),
            note="a mixin beside a viewset that lists adds an action; the list stays",
            facts=_reads(_TAGS),
        ),
        Invalid(
            f"{_VIEWS}\n\nclass BookList(generics.ListAPIView):\n"
            '    queryset = Book.objects.prefetch_related("tags")\n'
            "    serializer_class = BookSerializer\n",
            lines=(8,),
            note="a `SlugRelatedField` shows the owner's username: it loads the owner",
            facts=_reads(_OWNER, _TAGS),
        ),
    )

    def visit_ClassDef(self, node: cst.ClassDef, ctx: RuleContext) -> None:
        """A view class: look its serializer up in the fact, and its queryset's loads."""
        view = drf_view(node)
        if view is None or view.queryset is None:
            return
        key = resolve(view.serializer, ctx.module, module_name(ctx.path))
        index = ctx.fact(FACT)
        found = index.get(key) if isinstance(index, dict) and key is not None else None
        if not isinstance(found, list):
            return
        for read in _missing(found, view.queryset):
            ctx.report(view.serializer_node, _message(view, read), rationale=_RATIONALE)


def _missing(records: list[object], loads: QuerysetLoads) -> Iterator[_Read]:
    """The first read of each relation the queryset does not load, in the serializer's order."""
    seen: set[str] = set()
    for record in records:
        read = _Read(**record) if isinstance(record, dict) else None
        if read is None or read.relation in seen or read.loaded_by(loads):
            continue
        seen.add(read.relation)
        yield read


def _message(view: DrfView, read: _Read) -> str:
    serializer = view.serializer.rsplit(".", 1)[-1]
    return (
        f"`{view.node.name.value}` serializes each object of its queryset with `{serializer}`, "
        f"which reads `{read.relation}` ({read.where()}): one query per row; {read.advice()}"
    )


_RATIONALE = (
    "DRF runs the serializer once for each object of the queryset. A relation the queryset "
    "did not load with its rows is fetched with its own query each time: one extra query per "
    "object on every request to the list. Loading it with the rows makes it one or two queries."
)
