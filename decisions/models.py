"""The archive's data: who was complained about, in what area, what was decided."""

import re
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse

from decisions.body import sections_from_body
from decisions.extraction import KINDS, PURPOSES, REASONS
from decisions.extraction.remedies import REFUND, pounds
from decisions.parsing import (
    MAX_CATEGORY_NAME,
    MAX_DECISION_MAKER,
    MAX_ORGANISATION_LINE,
    MAX_ORGANISATION_NAME,
    MAX_OUTCOME_LABEL,
    extra_in_order,
)

MAX_SOURCE_NAME = 255
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what the URLs' <slug:…> takes, none of it quoted
SLUG_MARK = "_slug-goes-here_"


def slug_url(view_name: str, slug: str) -> str:
    """reverse(view_name, args=[slug]) for a view whose one argument is a slug. The URL is put
    together from its parts either side of the slug, reversed once: a page of 20 results
    reversed each decision's URL, about 35 µs a time (docs/performance.md)."""
    text = str(slug)  # as reverse() reads an argument
    if not SLUG.fullmatch(text):
        return reverse(view_name, args=[slug])  # refused, or quoted, as reverse() does
    before, after = _either_side_of_slug(view_name, get_script_prefix(), get_urlconf())
    return f"{before}{text}{after}"


@lru_cache(maxsize=64)
def _either_side_of_slug(view_name: str, script_prefix: str, urlconf) -> tuple[str, str]:
    url = reverse(view_name, args=[SLUG_MARK], urlconf=urlconf)
    before, _, after = url.rpartition(SLUG_MARK)
    return before, after


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    CARE_PROVIDER = "care_provider", "Care provider"
    OTHER = "other", "Other body"


class OutcomeGroup(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    CLOSED = "closed", "Closed after initial enquiries"
    OTHER = "other", "Other"


# An editor's renaming in the admin keeps the name the files give: later files find the row.
FORMER_NAMES_HELP = "Names it had before an editor renamed it: files that give them are filed here."


class Organisation(models.Model):
    """A body complained about: a council, an adult social care provider, or another body."""

    name = models.CharField(
        max_length=MAX_ORGANISATION_NAME, unique=True, help_text="Exactly as published."
    )
    slug = models.SlugField(max_length=MAX_ORGANISATION_NAME, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    former_names = models.JSONField(default=list, blank=True, help_text=FORMER_NAMES_HELP)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A subject area: a parent ("Housing") or a subcategory under it ("Housing > Homelessness")."""

    name = models.CharField(max_length=MAX_CATEGORY_NAME)
    slug = models.SlugField(max_length=2 * MAX_CATEGORY_NAME, unique=True)
    former_names = models.JSONField(default=list, blank=True, help_text=FORMER_NAMES_HELP)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Parents were renamed over the years ("Planning and development" is now "Planning"): a
    # category published under an older name is grouped under its current one, so that search,
    # counts and profiles treat them as one. Empty for a category that heads its own group.
    group = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grouped",
        verbose_name="grouped under",
        help_text="The category (current name) this one is counted and searched with.",
    )
    # Set when an editor changes the grouping: imports then leave it as the editor chose.
    group_edited = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["parent__name", "name"]
        verbose_name_plural = "categories"
        constraints = [
            # The same subcategory name sits under several parents, so a name is unique per parent.
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_under_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent=None), name="category_unique_top_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return slug_url("decisions:category", self.slug)

    def clean(self):
        """A group is headed by a category of the same level that heads no group itself."""
        group = self.group
        if group is None:
            return
        if group.pk == self.pk or group.group_id is not None:
            raise ValidationError({"group": "Choose a category that is not itself grouped."})
        if (group.parent_id is None) != (self.parent_id is None):
            raise ValidationError(
                {"group": "Group a parent category with a parent, a subcategory with one."}
            )
        if self.pk and self.grouped.exists():
            raise ValidationError({"group": "Other categories are grouped under this one."})


class Outcome(models.Model):
    """A decision's outcome exactly as published, with the coarse group it is filtered under."""

    label = models.CharField(max_length=MAX_OUTCOME_LABEL, unique=True)
    slug = models.SlugField(max_length=MAX_OUTCOME_LABEL, unique=True)
    group = models.CharField(max_length=20, choices=OutcomeGroup.choices, db_index=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__in=OutcomeGroup.values), name="outcome_group_known"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class DecisionQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("organisation", "category__parent", "outcome")


# The columns the facets filter and count, led by the id for decisions found by full text.
FACET_COLUMNS = ["id", "organisation", "category", "outcome", "decision_year", "decision_date"]
# The same for what is extracted from the text (decisions/extraction/).
FINDING_COLUMNS = ["remedy_kinds", "reason_not_investigated", "payment_total"]
# Each kind of remedy is a bit of Decision.remedy_kinds, so that the remedy facet is counted
# from one small column like the others (a GROUP BY of at most 32 values) rather than by
# joining every match to its remedies.
REMEDY_BITS = {kind: 1 << position for position, kind in enumerate(KINDS)}


class Legislation(models.Model):
    """An act, or regulations or an order, that decisions cite: "Local Government Act 1974"."""

    name = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "legislation"

    def __str__(self) -> str:
        return self.name


# The order a piece of legislation's provisions are listed in: the act as a whole, its Parts,
# its sections, then regulations, articles, rules and paragraphs, and Schedules last.
PROVISION_KINDS = ["", "Part", "section", "Regulation", "Article", "Rule", "paragraph", "Schedule"]
_PROVISION = re.compile(r"(?:(?P<kind>[A-Za-z]+) )?(?P<number>\d+)(?P<letters>[A-Z]*)(?P<rest>.*)")
_BRACKET = re.compile(r"\((\d*)([^()]*)\)")


def _letters_key(letters: str) -> tuple:
    """None first, then "ZA" before "A" (sections put in before 26A are 26ZA, 26ZB ...)."""
    if not letters:
        return (0, "")
    return (1 if letters[:1] == "Z" and len(letters) > 1 else 2, letters.casefold())


def provision_order(section: str) -> tuple:
    """A key that sorts sections as a reader counts them, not as text: "9" before "10",
    "26" before "26(1)" before "26(7)" before "26A" before "27"; the act as a whole first."""
    if not section:
        return (0,)
    match = _PROVISION.fullmatch(section)
    if match is None:
        return (len(PROVISION_KINDS), 0, (), (), section)
    kind = match["kind"] or "section"
    rank = PROVISION_KINDS.index(kind) if kind in PROVISION_KINDS else len(PROVISION_KINDS)
    # Subsections: numbers by value before letters ("(1)", "(1B)", "(2)", then "(a)").
    subsections = tuple(
        (0, int(digits), _letters_key(letters)) if digits else (1, 0, _letters_key(letters))
        for digits, letters in _BRACKET.findall(match["rest"])
    )
    return (rank, int(match["number"]), _letters_key(match["letters"]), subsections, section)


def in_provision_order(provisions) -> list:
    """Provisions by legislation's name, then each act's sections in provision_order (the
    database's ordering sorts sections as text: "10", "18", "9")."""
    return sorted(provisions, key=lambda p: (p.legislation.name, provision_order(p.section)))


class Provision(models.Model):
    """A section (or part, schedule, regulation) of legislation, or the whole of it when
    `section` is empty; written one way however decisions wrote it ("24A(6)")."""

    legislation = models.ForeignKey(
        Legislation, on_delete=models.CASCADE, related_name="provisions"
    )
    section = models.CharField(max_length=60, blank=True)
    label = models.CharField(max_length=400)
    slug = models.SlugField(max_length=400, unique=True)

    class Meta:
        ordering = ["legislation__name", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["legislation", "section"], name="provision_unique_in_legislation"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Decision(models.Model):
    """One decision statement. Category, outcome and date are null when the file did not record
    them (some pages saved from the web lack those header lines)."""

    reference = models.CharField(
        max_length=20,
        unique=True,
        help_text="The complaint's case number, written as the Ombudsman writes it: 20 003 494.",
    )
    slug = models.SlugField(max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decisions"
    )
    organisation_names = models.CharField(
        max_length=MAX_ORGANISATION_LINE,
        help_text="The organisation line as published; may name several bodies.",
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    decision_date = models.DateField(null=True, blank=True)
    # The date's year, stored so that the year facet counts from an index on both databases.
    decision_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    summary = models.TextField(blank=True)
    body = models.TextField(help_text="The decision's text, headings and paragraphs as lines.")
    layout = models.JSONField(
        default=list,
        help_text='What each line of the body is: "h" for a heading, [level, marker] otherwise.',
    )
    decision_maker = models.CharField(max_length=MAX_DECISION_MAKER, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="Extra header fields by name.")
    # What decisions/extraction/ read from the text; see Remedy and Provision for the rest.
    # Null, not "", for decisions that were investigated: the facets count what is not null.
    reason_not_investigated = models.CharField(  # noqa: DJ001
        max_length=30, choices=list(REASONS.items()), null=True, blank=True, db_index=True
    )
    already_remedied = models.BooleanField(
        default=False, help_text="The body had put things right itself."
    )
    remedy_kinds = models.PositiveIntegerField(
        default=0, editable=False, help_text="The kinds of remedy, one bit each (REMEDY_BITS)."
    )
    payment_total = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The sum of the payments the decision states; null when it states none.",
    )
    citations = models.ManyToManyField(Provision, blank=True, related_name="decisions")
    is_fictional = models.BooleanField(
        default=False, help_text="Generated for demonstration; not a real decision."
    )
    noindex = models.BooleanField(
        "not to be indexed by search engines",
        default=False,
        help_text="Its page asks search engines not to index it, and the sitemap leaves it out.",
    )
    source_name = models.CharField(max_length=MAX_SOURCE_NAME)
    content_hash = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file.")
    file_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="Digest of what the last file imported said (importing.content_fingerprint): "
        "a file saying the same again leaves an editor's corrections alone.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = [models.F("decision_date").desc(nulls_last=True), "-id"]
        # Each facet is counted by grouping on one of these columns with the others filtered,
        # so every index carries all of them: the counts are read from the index alone.
        indexes = [
            models.Index(fields=[*FACET_COLUMNS, *FINDING_COLUMNS], name="decision_all_facets"),
            # With the findings' columns too, so that a remedy, reason or payment filter is
            # also answered from the index (without them: every row read, 300 ms at 100,000).
            models.Index(
                fields=[*FACET_COLUMNS[1:], *FINDING_COLUMNS], name="decision_by_organisation"
            ),
            models.Index(
                fields=["category", "organisation", *FACET_COLUMNS[3:], *FINDING_COLUMNS],
                name="decision_by_category",
            ),
            models.Index(
                fields=[
                    "outcome",
                    "organisation",
                    "category",
                    *FACET_COLUMNS[4:],
                    *FINDING_COLUMNS,
                ],
                name="decision_by_outcome",
            ),
            models.Index(
                fields=[
                    "decision_year",
                    "organisation",
                    "category",
                    "outcome",
                    "decision_date",
                    *FINDING_COLUMNS,
                ],
                name="decision_by_year",
            ),  # fmt: skip
            # Also covers what search/columns.py reads of every decision, and the home page's
            # count of fictional examples, which SQLite's planner reads from the table otherwise
            # (150 ms at 100,000) rather than from the partial index below.
            models.Index(
                fields=["remedy_kinds", *FACET_COLUMNS[1:], *FINDING_COLUMNS[1:], "is_fictional"],
                name="decision_by_remedy",
            ),  # fmt: skip
            # The home page counts the fictional examples; without this, a whole-table scan.
            models.Index(
                fields=["id"], condition=models.Q(is_fictional=True), name="decision_fictional"
            ),
            # The newest-first order's index is made per database (see decisions/search/),
            # as SQLite cannot say NULLS LAST in an index and PostgreSQL needs it to.
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reference__regex=r"^[0-9]{2} [0-9]{3} [0-9]{3}$"),
                name="decision_reference_shape",
            ),
            models.CheckConstraint(
                condition=models.Q(reason_not_investigated__in=list(REASONS))
                | models.Q(reason_not_investigated=None),
                name="decision_reason_known",
            ),
        ]
        permissions = [
            ("withdraw_decision", "Can withdraw and reinstate decisions"),
            ("redact_decision", "Can redact passages of decisions"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_names} ({self.reference})"

    def save(self, *args, **kwargs):
        self.decision_year = self.decision_date.year if self.decision_date else None
        if kwargs.get("update_fields") is not None and "decision_date" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "decision_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("decisions:detail", self.slug)

    @property
    def sections(self) -> list[dict]:
        """The body's structure: [{heading, paragraphs: [{marker, level, text}]}]."""
        return sections_from_body(self.body, self.layout)

    @property
    def cited_provisions(self) -> list:
        """The provisions it cites in reading order (prefetch citations__legislation)."""
        return in_provision_order(self.citations.all())

    @property
    def extra_fields(self) -> dict[str, str]:
        """The extra header fields in the same order on both databases."""
        return extra_in_order(self.extra)


class Remedy(models.Model):
    """One remedy a decision states: an apology, a payment (one row per amount), a service
    improvement, a reassessment or another action."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="remedies")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=30, choices=list(KINDS.items()))
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="In pounds."
    )
    purpose = models.CharField(
        max_length=40, blank=True, choices=[(p, p.capitalize()) for p in PURPOSES]
    )

    class Meta:
        ordering = ["decision", "position"]
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=list(KINDS)), name="remedy_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(amount=None) | models.Q(kind="payment", amount__gte=0),
                name="remedy_amount_is_a_payment",
            ),
        ]
        # The payments whose amount could not be read, which the profiles count: few, so
        # finding them is a read of this small index, not of every remedy (670 ms at
        # 1,000,000 decisions on SQLite).
        indexes = [
            models.Index(
                fields=["decision"],
                condition=models.Q(kind="payment", amount=None),
                name="remedy_payment_unread",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def description(self) -> str:
        return remedy_description(self.kind, self.amount, self.purpose)


def remedy_description(kind: str, amount, purpose: str) -> str:
    """ "Payment of £300 for distress", "Refund of £45", "Payment, amount not stated",
    "Apology"."""
    if kind != "payment":
        return KINDS.get(kind, kind)
    what = "Refund" if purpose == REFUND else "Payment"
    if amount is None:
        return f"{what}, amount not stated"
    purpose = f" for {purpose}" if purpose and purpose != REFUND else ""
    return f"{what} of {pounds(amount)}{purpose}"


# An ExtractionRun keeps this many changed references: enough to check a rule change by eye,
# without a row the size of the archive.
CHANGED_REFERENCES_KEPT = 1_000


class ImportRun(models.Model):
    """One run of the importer, from the command line or the admin, with what it did."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    command = models.CharField(max_length=500, blank=True, help_text="How it was started.")
    sources = models.JSONField(default=list, help_text="The paths given to the run.")
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(
        default=0, help_text="Files of withdrawn decisions, left withdrawn."
    )
    dry_run = models.BooleanField(
        default=False, help_text="Ticked for a dry run: files read and compared, nothing written."
    )
    errors = models.JSONField(default=list, help_text="[{path, reason}] for each failed file.")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        dry = "Dry run" if self.dry_run else "Import"
        return f"{dry} {self.started_at:%Y-%m-%d %H:%M} ({self.summary_line})"

    @property
    def summary_line(self) -> str:
        return import_summary(
            self.imported, self.updated, self.unchanged, self.failed, self.withdrawn
        )


class ExtractionRun(models.Model):
    """One run of extract_decisions over the archive: which rules read it, and what changed.
    Saved after every batch, so a run stopped part way still says how far it got."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True, help_text="Empty if it stopped.")
    command = models.CharField(max_length=500, blank=True, help_text="How it was started.")
    rules = models.CharField(
        max_length=12, help_text="Fingerprint of the extraction rules that ran."
    )
    read = models.PositiveIntegerField(default=0, help_text="Decisions read.")
    changed = models.PositiveIntegerField(default=0, help_text="Decisions whose findings changed.")
    not_read = models.PositiveIntegerField(
        default=0, help_text="Not read within the time budget; kept what they had."
    )
    changed_references = models.JSONField(
        default=list,
        help_text=f"References of the decisions whose findings changed (the first "
        f"{CHANGED_REFERENCES_KEPT:,}).",
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "findings run"

    def __str__(self) -> str:
        return f"Findings read again {self.started_at:%Y-%m-%d %H:%M} ({self.summary_line})"

    @property
    def summary_line(self) -> str:
        unread = f", not read in time: {self.not_read}" if self.not_read else ""
        return f"decisions read: {self.read}, changed: {self.changed}{unread}"


def import_summary(
    imported: int, updated: int, unchanged: int, failed: int, withdrawn: int = 0
) -> str:
    """The one-line account of an import run, as the command prints it (files of withdrawn
    decisions named only when there were some)."""
    line = f"imported: {imported}, updated: {updated}, unchanged: {unchanged}, failed: {failed}"
    return f"{line}, withdrawn: {withdrawn}" if withdrawn else line


class ImportedFile(models.Model):
    """What one import run did with one file: the run's audit trail, file by file."""

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Left unchanged"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Skipped: withdrawn"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files")
    path = models.CharField(max_length=1000)
    # Empty for a file refused before its reference could be read.
    reference = models.CharField(max_length=20, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.TextField(blank=True, help_text="Why it was refused.")

    class Meta:
        ordering = ["run", "id"]
        indexes = [models.Index(fields=["run", "status"], name="imported_file_by_status")]

    def __str__(self) -> str:
        return f"{self.path}: {self.get_status_display()}"


class ImportWarning(models.Model):
    """Something a run noticed about a file it read (a missing line, a guessed encoding), one
    row each, saved with the file's batch: a run holds only a batch of them at a time, so its
    memory does not grow with the number of files."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="warnings")
    path = models.CharField(max_length=1000)
    kind = models.CharField(max_length=40, help_text="See import_record.WARNING_KINDS.")
    reason = models.TextField()

    class Meta:
        ordering = ["run", "id"]
        indexes = [models.Index(fields=["run", "kind"], name="import_warning_by_kind")]

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class RecordEncoder(DjangoJSONEncoder):
    """JSON for a kept record: datetimes whole (DjangoJSONEncoder cuts them to milliseconds,
    and a reinstated decision keeps its times exactly)."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class Withdrawal(models.Model):
    """A decision taken down. Its row leaves the Decision table, so that no search, count,
    feed, export or page can reach it, and its whole record (fields, remedies, citations) is
    kept here for staff until it is reinstated. Keyed by reference, as the importer sees it."""

    reference = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="withdrawals"
    )
    organisation_names = models.CharField(max_length=MAX_ORGANISATION_LINE)
    decision_date = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField()
    reason = models.TextField(help_text="Public: shown on the decision's page and in /changes/.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    record = models.JSONField(
        encoder=RecordEncoder,
        help_text="The decision with its remedies and citations, as Django serialises them.",
    )

    class Meta:
        ordering = ["-withdrawn_at"]

    def __str__(self) -> str:
        return f"{self.organisation_names} ({self.reference}), withdrawn"


class Redaction(models.Model):
    """A passage hidden from the public text of a decision, kept by reference so that it
    outlives a withdrawal and is applied again to the text of every re-import."""

    reference = models.CharField(max_length=20, db_index=True)
    passage = models.TextField(help_text="The exact text hidden; seen by staff only.")
    reason = models.TextField()
    redacted_at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["reference", "redacted_at", "id"]

    def __str__(self) -> str:
        return f"Redaction in {self.reference} ({self.redacted_at:%Y-%m-%d})"


class ChangeRecord(models.Model):
    """One change to a decision, with who, when and why: the corrections' log. Public ones
    are listed at /changes/; none holds withdrawn or redacted text."""

    class Action(models.TextChoices):
        WITHDRAWN = "withdrawn", "Withdrawn"
        REINSTATED = "reinstated", "Reinstated"
        REDACTED = "redacted", "Passage redacted"
        CORRECTED = "corrected", "Corrected"
        IMPORTED = "imported", "Updated from a new file"
        NOINDEX_ON = "noindex_on", "Hidden from search engines"
        NOINDEX_OFF = "noindex_off", "Shown to search engines again"

    # Not shown publicly: which decisions are hidden from search engines is itself private.
    PRIVATE_ACTIONS = (Action.NOINDEX_ON, Action.NOINDEX_OFF)

    reference = models.CharField(max_length=20, db_index=True)
    slug = models.SlugField(max_length=20)
    action = models.CharField(max_length=20, choices=Action.choices)
    field = models.CharField(max_length=100, blank=True, help_text="For a correction.")
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    reason = models.TextField()
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(max_length=150, blank=True, help_text="Kept if the user goes.")
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    public = models.BooleanField(default=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["public", "-at", "-id"], name="change_public_newest")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_action_display()} ({self.at:%Y-%m-%d})"
