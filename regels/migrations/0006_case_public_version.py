"""A case has a public version (title, question, situation, answer) that the national team writes; the reporter's
own question and situation are never public. The address of a case is made from its public title at the first
publication; former addresses redirect (FormerCaseSlug).

The data step gives every case that is or was published a public version, derived from what is already public:

- a case from a published source (no reporter: the demo cases, synthetic ones): its question and situation are
  source text, so the public question and situation are those;
- a reported case (it has or had a reporter, was raised in a Volgspot session, or came in through the portal's
  form): only what the national team reviewed before publishing is used: the public title (which they checked to
  name no person) also becomes the public question, the public answer stays, the public situation stays empty. A
  title that was the question cut at 120 characters becomes the question's first sentence or words. Its address is
  made anew from that title and the old one redirects.

Each of these cases gets a step "public version derived by migration 0006: check it" in its history of steps, so the
team can review it. A case that was never published loses its address (made from the reporter's question, never
public) and a title cut mid-word becomes a clean working title.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

from regels.models import working_title

OLD_TITLE_LENGTH = 120  # report_obstacle used to take the question's first 120 characters as the title
REPORTED_SOURCE = "Melding via het portaal"
NOTE = "public version derived by migration 0006: check it"


def _reported(case) -> bool:
    return bool(
        case.reporter_name
        or case.reporter_email
        or case.reporter_organisation
        or case.anonymised_at
        or case.raised_in_id
        or case.source == REPORTED_SOURCE
    )


def derive_public_versions(apps, schema_editor):
    Case = apps.get_model("regels", "Case")
    CaseEvent = apps.get_model("regels", "CaseEvent")
    FormerCaseSlug = apps.get_model("regels", "FormerCaseSlug")
    taken = set(Case.objects.exclude(slug=None).values_list("slug", flat=True))
    for case in Case.objects.order_by("pk").iterator():
        question = " ".join(case.question.split())
        report_time_title = case.title == question[:OLD_TITLE_LENGTH]
        title = working_title(case.question) if report_time_title else case.title
        if case.status != "published" and case.published_at is None:  # never public: no address
            taken.discard(case.slug)
            Case.objects.filter(pk=case.pk).update(slug=None, title=title)
            continue
        reported = _reported(case)
        updates = {"title": title}
        if not case.public_question:
            updates["public_question"] = title if reported else case.question
        if not case.public_context and not reported:
            updates["public_context"] = case.context
        if reported:
            base = slugify(title)[:150] or "casus"
            slug, n = base, 1
            while slug in taken and slug != case.slug:
                n += 1
                slug = f"{base}-{n}"
            if slug != case.slug:
                FormerCaseSlug.objects.create(case_id=case.pk, slug=case.slug)
                taken.add(slug)
                updates["slug"] = slug
        Case.objects.filter(pk=case.pk).update(**updates)
        CaseEvent.objects.create(case_id=case.pk, from_status=case.status, to_status=case.status, note=NOTE)


def give_every_case_an_address(apps, schema_editor):
    """Backwards: the slug is required again, so a case without an address gets casus-<pk>."""
    Case = apps.get_model("regels", "Case")
    for case in Case.objects.filter(slug=None).only("pk"):
        Case.objects.filter(pk=case.pk).update(slug=f"casus-{case.pk}")


class Migration(migrations.Migration):
    dependencies = [
        ("regels", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="public_context",
            field=models.TextField(
                blank=True,
                help_text="The situation as published, written by the national team.",
                verbose_name="public situation",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="public_question",
            field=models.TextField(
                blank=True,
                help_text="The question as published, written by the national team.",
                verbose_name="public question",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="public_context",
            field=models.TextField(
                blank=True,
                help_text="The situation as published, written by the national team.",
                verbose_name="public situation",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="public_question",
            field=models.TextField(
                blank=True,
                help_text="The question as published, written by the national team.",
                verbose_name="public question",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="context",
            field=models.TextField(
                blank=True, help_text="The situation in which it arose. Never public.", verbose_name="situation"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="question",
            field=models.TextField(help_text="The question as asked. Never public.", verbose_name="question"),
        ),
        migrations.AlterField(
            model_name="case",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The public web address: made from the public title at the first publication, then kept.",
                max_length=200,
                null=True,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="title",
            field=models.CharField(
                help_text="In the workspace a working title; from publication on the public title, written by the national team.",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="context",
            field=models.TextField(
                blank=True, help_text="The situation in which it arose. Never public.", verbose_name="situation"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="question",
            field=models.TextField(help_text="The question as asked. Never public.", verbose_name="question"),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The public web address: made from the public title at the first publication, then kept.",
                max_length=200,
                null=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="title",
            field=models.CharField(
                help_text="In the workspace a working title; from publication on the public title, written by the national team.",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.CreateModel(
            name="FormerCaseSlug",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "slug",
                    models.SlugField(
                        help_text="The former web address.", max_length=200, unique=True, verbose_name="slug"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, help_text="When the address was left.", verbose_name="created at"
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        help_text="The case.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="former_slugs",
                        to="regels.case",
                        verbose_name="case",
                    ),
                ),
            ],
            options={
                "verbose_name": "former case address",
                "verbose_name_plural": "former case addresses",
            },
        ),
        migrations.RunPython(derive_public_versions, give_every_case_an_address),
    ]
