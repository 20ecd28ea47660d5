"""The ``django-models`` fact: the project's models, their relations and bases, as RB320 reads
them to tell a relation (a query per changelist row) from a property of another module's model."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reviewbot.cli.main import main
from reviewbot.pipeline import model_facts
from reviewbot.rules._drf_models import (
    bases_of,
    lineage,
    merge_lists,
    merge_models,
    model_classes,
    model_relations,
    module_models,
    nullable_of,
)
from tests.gitrepo import make_repo

MODELS = """\
from django.db import models
from django.utils.functional import cached_property

from shop.stats import ProjectStats
from vendor.models import TimeStampedModel


class OwnedModel(models.Model):
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)

    class Meta:
        abstract = True


class Project(OwnedModel, LockMixin):
    name = models.CharField(max_length=100)
    reviewer = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL)

    @cached_property
    def stats(self):
        return ProjectStats(self)


class Component(models.Model):
    project = models.ForeignKey(Project, related_name="components", on_delete=models.CASCADE)


class Event(TimeStampedModel):
    name = models.CharField(max_length=100)
"""

ADMIN = """\
from django.contrib import admin

from shop.models import Component, Event, Project


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "reviewer", "owner_email", "words", "component_count", "link_count")

    def owner_email(self, obj):
        return obj.owner.email

    def words(self, obj):
        return obj.stats.words

    def component_count(self, obj):
        return obj.components.count()

    def link_count(self, obj):
        return obj.link_set.count()


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ("project", "project_name")

    def project_name(self, obj):
        return obj.project.name


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "venue_city")

    def venue_city(self, obj):
        return obj.venue.city
"""


def _index() -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    return merge_models([module_models(MODELS)]), merge_lists([bases_of(model_classes(MODELS))])


def test_every_model_is_indexed_with_its_relations_bases_and_nullable_keys() -> None:
    relations, bases = _index()
    assert relations["Project"] == {"reviewer": "forward", "components": "reverse:to-many"}
    assert relations["OwnedModel"] == {"owner": "forward"}
    assert relations["Event"] == {}
    assert bases["Project"] == ["OwnedModel", "LockMixin"]
    assert bases["Event"] == ["TimeStampedModel"]
    nullable = nullable_of(model_classes(MODELS))
    assert nullable["Project"] == ["reviewer"]
    assert nullable["OwnedModel"] == []


def test_a_model_has_its_bases_relations_and_mixins_add_none() -> None:
    relations, bases = _index()
    assert lineage("Project", relations, bases) == ["Project", "OwnedModel"]
    assert model_relations("Project", relations, bases) == {
        "owner": "forward",
        "reviewer": "forward",
        "components": "reverse:to-many",
    }
    assert model_relations("Component", relations, bases) == {"project": "forward"}


def test_a_model_base_the_project_does_not_define_leaves_the_relations_unknown() -> None:
    relations, bases = _index()
    assert model_relations("Event", relations, bases) is None
    assert model_relations("Missing", relations, bases) is None


def test_a_model_two_modules_define_differently_has_no_known_bases() -> None:
    other = "from django.db import models\n\n\nclass Project(models.Model):\n    pass\n"
    bases = merge_lists([bases_of(model_classes(MODELS)), bases_of(model_classes(other))])
    assert "Project" not in bases
    assert bases["Component"] == ["Model"]


def test_rb320_reads_the_model_of_another_module_to_tell_relations_from_properties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(
        tmp_path / "shop",
        {"shop/__init__.py": "", "shop/models.py": MODELS, "shop/admin.py": ADMIN},
    )
    args = ["check", str(root), "--preset", "strict", "--format", "json", "--no-cache"]
    assert main(args) in (0, 1)
    found = json.loads(capsys.readouterr().out)["findings"]
    reported = sorted(
        (f["line"], f["rule"], f["message"].split("`")[1])
        for f in found
        if f["rule"] in ("RB320", "RB322")
    )
    # obj.stats is a cached_property: no query. Listing the foreign key `reviewer` makes Django
    # add select_related(), which follows the non-null `owner` (from the model's base) but not
    # the nullable `reviewer`. Component's `project` is non-null and joined the same way.
    # Event's base is a library model, so its relations are not known: RB322 guesses by name.
    assert reported == [
        (8, "RB320", "reviewer"),
        (17, "RB320", "obj.components.count()"),
        (20, "RB320", "obj.link_set.count()"),
        (36, "RB322", "obj.venue.city"),
    ]


def test_the_fact_is_the_same_whatever_the_batch_of_files_read_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(
        tmp_path / "shop",
        {"shop/__init__.py": "", "shop/models.py": MODELS, "shop/admin.py": ADMIN},
    )
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    modules = {
        "shop": "shop/__init__.py",
        "shop.models": "shop/models.py",
        "shop.admin": "shop/admin.py",
    }
    whole = model_facts.django_models(root, commit, modules)
    monkeypatch.setattr(model_facts, "BATCH", 1)
    assert model_facts.django_models(root, commit, modules) == whole
    nullable = {"OwnedModel": [], "Project": ["reviewer"], "Component": [], "Event": []}
    assert whole["nullable"] == nullable
    assert model_facts.django_models(root, None, modules) == {}
