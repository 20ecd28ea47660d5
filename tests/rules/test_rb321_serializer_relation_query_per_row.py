"""RB321 on a two-file DRF app: views in one module, the serializers they use in another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.pipeline.cache import CACHE_DIR
from reviewbot.pipeline.project import FACTS_DIR
from reviewbot.rules._drf_models import merge_models, module_models
from reviewbot.rules._drf_serializers import module_serializers
from tests.gitrepo import commit_all, make_repo, write_files
from tests.pipeline.cache_trees import recording_analysis

SERIALIZERS = """\
from rest_framework import serializers

from .models import Book


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name"]


class BookSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer(read_only=True)
    tags = TagSerializer(many=True)
    everything = BookStatsSerializer(source="*")
    author_name = serializers.CharField(source="author.name")
    year = serializers.IntegerField(source="created_at.year")
    review_count = serializers.SerializerMethodField()
    placed = serializers.SerializerMethodField()
    open_issues = serializers.SerializerMethodField(method_name="count_open")

    class Meta:
        model = Book
        fields = ["publisher", "tags", "everything", "author_name", "year", "review_count",
                  "placed", "open_issues"]

    def get_review_count(self, obj):
        return obj.reviews.count()

    def get_placed(self, obj):
        return obj.created_at.date()

    def count_open(self, obj):
        return obj.issues.filter(open=True).count()


class ShortBookSerializer(BookSerializer):
    class Meta(BookSerializer.Meta):
        fields = ["publisher", "year"]
"""

VIEWS = """\
from rest_framework import generics, mixins, serializers as drf, viewsets

import app.serializers
from app import serializers as s
from . import serializers
from .models import Book
from .serializers import BookSerializer, ShortBookSerializer


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.all()
    serializer_class = BookSerializer


class JoinedBooks(generics.ListAPIView):
    queryset = Book.objects.select_related("publisher__country", "author").prefetch_related(
        "tags", "reviews", "issues"
    )
    serializer_class = serializers.BookSerializer


class ShortBooks(generics.ListAPIView):
    serializer_class = s.ShortBookSerializer

    def get_queryset(self):
        return Book.objects.filter(shelf=self.kwargs["shelf"])


class BookDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Book.objects.all()
    serializer_class = BookSerializer


class BookUpdates(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    queryset = Book.objects.all()
    serializer_class = BookSerializer


class MyBooks(generics.ListAPIView):
    serializer_class = ShortBookSerializer

    def get_queryset(self):
        return super().get_queryset().filter(owner=self.request.user)


class CustomManager(generics.ListAPIView):
    queryset = Book.objects.published()
    serializer_class = ShortBookSerializer


class Chosen(generics.ListAPIView):
    queryset = Book.objects.all()
    serializer_class = ShortBookSerializer

    def get_serializer_class(self):
        return BookSerializer


class AllBooks(generics.ListAPIView):
    queryset = Book.objects.prefetch_related("tags", "reviews").select_related("author", "publisher")
    serializer_class = app.serializers.BookSerializer


class NoteSerializer(drf.Serializer):
    writer = WriterSerializer()


class NoteList(generics.ListAPIView):
    queryset = Note.objects.all()
    serializer_class = NoteSerializer
"""

CONFIG = '[tool.reviewbot]\npreset = "strict"\n'


def _project(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "shop",
        {
            "pyproject.toml": CONFIG,
            "app/__init__.py": "",
            "app/models.py": '"""Models."""\n',
            "app/serializers.py": SERIALIZERS,
            "app/views.py": VIEWS,
        },
    )


def _rb321(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[tuple[int, str]]:
    args = ["check", str(root), "--preset", "strict", "--format", "json", "--jobs", "1"]
    code = main([*args, *extra])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "RB321"]
    assert {f["path"] for f in found} <= {"app/views.py"}
    return [(f["line"], f["message"]) for f in found]


def test_the_fact_records_what_each_serializer_reads_per_object() -> None:
    index = module_serializers("app.serializers", "app/serializers.py", SERIALIZERS)

    reads = {
        name.rsplit(".", 1)[1]: [(r["relation"], r["kind"], r["method"], r["line"]) for r in found]
        for name, found in index.items()
    }
    assert reads == {
        "PublisherSerializer": [],
        "BookSerializer": [
            ("publisher", "forward", "", 13),
            ("tags", "to-many", "", 14),
            ("author", "forward", "", 16),
            ("reviews", "manager", "count", 28),
            ("issues", "manager", "filter", 34),
        ],
        "ShortBookSerializer": [("publisher", "forward", "", 13)],  # Meta.fields keeps it only
    }
    assert module_serializers("app.broken", "app/broken.py", "class (:\n") == {}


def test_a_view_is_reported_for_each_relation_its_serializer_reads_and_its_queryset_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _rb321(_project(tmp_path), capsys)

    assert [line for line, _ in found] == [12, 12, 12, 12, 12, 19, 23, 61, 70]
    by_relation = {
        message.split("which reads `")[1].split("`")[0]: message for _, message in found[:5]
    }
    assert set(by_relation) == {"publisher", "tags", "author", "reviews", "issues"}
    assert by_relation["publisher"] == (
        "`BookViewSet` serializes each object of its queryset with `BookSerializer`, which "
        "reads `publisher` (its nested `PublisherSerializer` field `publisher`, "
        'serializers.py:13): one query per row; add `.select_related("publisher")` to the '
        "queryset"
    )
    assert 'source="author.name"' in by_relation["author"]
    assert (
        "(`obj.reviews.count()` in `get_review_count`, serializers.py:28)" in by_relation["reviews"]
    )
    assert "a prefetch does not serve `.filter()`" in by_relation["issues"]
    # JoinedBooks prefetches the issues, but a prefetch does not serve `.filter(...)`
    assert "`JoinedBooks`" in found[5][1] and "`issues`" in found[5][1]
    assert "`ShortBooks`" in found[6][1] and "`publisher`" in found[6][1]
    assert "`AllBooks`" in found[7][1] and "`issues`" in found[7][1]
    assert found[8][1].startswith(
        "`NoteList` serializes each object of its queryset with `NoteSerializer`"
    )
    assert (
        "reads `writer` (its nested `WriterSerializer` field `writer`, views.py:65)" in found[8][1]
    )


def test_changing_the_serializers_changes_the_views_result_with_the_cache_warm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    before = _rb321(root, capsys)
    with recording_analysis() as runs:
        assert _rb321(root, capsys) == before
    assert runs == [[]]  # nothing changed: every result from the cache

    lean = SERIALIZERS.replace(
        "    publisher = PublisherSerializer(read_only=True)\n",
        "    publisher = serializers.CharField(read_only=True)\n",
    )
    write_files(root, {"app/serializers.py": lean})
    commit_all(root, "serialize the publisher's name only")
    with recording_analysis() as runs:
        warm = _rb321(root, capsys)

    assert "app/views.py" in runs[0]
    assert warm == _rb321(root, capsys, "--no-cache")
    assert not [m for _, m in warm if "reads `publisher`" in m]
    assert [line for line, _ in warm] == [12, 12, 12, 12, 19, 61, 70]


def test_outside_git_there_is_no_commit_to_read_the_serializers_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "loose"
    write_files(
        root,
        {
            "pyproject.toml": CONFIG,
            "app/__init__.py": "",
            "app/serializers.py": SERIALIZERS,
            "app/views.py": VIEWS,
        },
    )
    assert _rb321(root, capsys, "--no-cache") == []


def test_the_fact_is_built_only_when_a_rule_enabled_somewhere_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    args = ["check", str(root), "--format", "json", "--jobs", "1"]
    assert main([*args, "--preset", "recommended"]) in (0, 1)
    capsys.readouterr()
    # django-models only: RB320 reads it in both presets, RB321 is strict's
    assert len(list((root / CACHE_DIR / FACTS_DIR).iterdir())) == 1

    assert main([*args, "--preset", "strict"]) in (0, 1)
    capsys.readouterr()
    assert len(list((root / CACHE_DIR / FACTS_DIR).iterdir())) == 2  # and drf-serializers


RELATED_FIELDS = """\
from rest_framework import serializers


class ShelfSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    room = serializers.StringRelatedField()
    library = serializers.PrimaryKeyRelatedField(read_only=True)
    books = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    everything = serializers.StringRelatedField(source="*")
"""


def test_relational_fields_that_load_the_related_object_are_reads() -> None:
    index = module_serializers("app.serializers", "app/serializers.py", RELATED_FIELDS)

    [found] = index.values()
    assert [(r["relation"], r["kind"], r["via"], r["detail"], r["line"]) for r in found] == [
        ("owner", "forward", "related", "SlugRelatedField", 5),
        ("room", "forward", "related", "StringRelatedField", 6),
        # a single key field reads the id without a query; `source="*"` reads nothing
        ("books", "to-many", "related", "PrimaryKeyRelatedField", 8),
    ]


MODELS = """\
from django.db import models


class Shelf(models.Model):
    name = models.CharField(max_length=20)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    tags = models.ManyToManyField("Tag")


class Book(models.Model):
    shelf = models.ForeignKey(Shelf, related_name="books", on_delete=models.CASCADE)
    parent = models.ForeignKey("self", related_name="children", null=True, on_delete=models.CASCADE)
"""

GENERATED = """\
from rest_framework import serializers


class ShelfSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Shelf
        fields = ("name", "owner", "tags", "books")


class AllShelfSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shelf
        fields = "__all__"


class DeepBookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["shelf", "children"]
        depth = 1
"""


def test_model_serializer_fields_generated_from_the_models_relations_are_reads() -> None:
    models = merge_models([module_models(MODELS)])
    assert models == {
        "Shelf": {"owner": "forward", "tags": "to-many", "books": "reverse:to-many"},
        "Book": {"shelf": "forward", "parent": "forward", "children": "reverse:to-many"},
    }
    index = module_serializers("app.serializers", "app/serializers.py", GENERATED, models)

    reads = {
        name.rsplit(".", 1)[1]: [(r["relation"], r["kind"], r["via"], r["line"]) for r in found]
        for name, found in index.items()
    }
    assert reads == {
        # `owner` becomes the key's id (no query); `tags` is declared, read as a related field
        "ShelfSerializer": [("tags", "to-many", "related", 5), ("books", "to-many", "model", 9)],
        # "__all__" is the model's own fields: the many-to-many, not the reverse `books`
        "AllShelfSerializer": [("tags", "to-many", "model", 15)],
        # `depth` nests every relation named, the forward key too
        "DeepBookSerializer": [
            ("children", "to-many", "model", 21),
            ("shelf", "forward", "model", 21),
        ],
    }


def test_a_field_two_models_of_one_name_declare_differently_is_left_out() -> None:
    first = module_models("class Book(models.Model):\n    tags = models.ManyToManyField('Tag')\n")
    second = module_models("class Book(models.Model):\n    tags = models.ForeignKey('Tag')\n")
    assert merge_models([first, second]) == {"Book": {}}
    assert module_models("class (:\n") == {}
