"""What a V3 page is made of: a resource header, tabs and a list of content blocks.

Page builders return these plain values; templates/blocks.html renders each block kind, so
family modules describe content and never write markup.
"""

from dataclasses import dataclass, field

from reference_target.state import Entry


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    testid: str | None = None
    current: bool = False


@dataclass(frozen=True)
class ResourceHeader:
    kind_label: str
    name: str
    back: Link | None
    posture: str | None = None
    allocation_id: str | None = None
    capabilities: str | None = None
    # The back link shown a second time below the heading (only a fault does).
    repeat_back: bool = False


@dataclass(frozen=True)
class Tabs:
    items: tuple[Link, ...]
    # "push" records each tab in history; "none" swaps content without changing the URL.
    history: str = "push"


@dataclass(frozen=True)
class Prose:
    heading: str
    paragraphs: tuple[str, ...]
    kind: str = "prose"


@dataclass(frozen=True)
class Facts:
    heading: str
    items: tuple[tuple[str, str], ...]
    kind: str = "facts"


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    # A row with an href is a resource row: its first cell links to the row's detail page.
    href: str | None = None


@dataclass(frozen=True)
class Table:
    heading: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    empty: str = "Nothing to show."
    row_testid: str | None = None
    kind: str = "table"


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None


@dataclass(frozen=True)
class Card:
    title: str
    lines: tuple[str, ...]
    href: str
    image: Image | None = None
    # Catalog cards double as list rows (resource-row + resource-row-link).
    is_row: bool = False


@dataclass(frozen=True)
class Cards:
    heading: str
    cards: tuple[Card, ...]
    kind: str = "cards"


@dataclass(frozen=True)
class LinkList:
    heading: str
    links: tuple[tuple[str, str, str], ...]  # label, href, description
    kind: str = "links"


@dataclass(frozen=True)
class Field:
    label: str
    name: str
    type: str = "text"  # text, number, select, checkbox, textarea
    options: tuple[str, ...] = ()
    value: str = ""


@dataclass(frozen=True)
class Form:
    heading: str
    fields: tuple[Field, ...]
    submit: str
    # Submitting POSTs the fields as JSON here (via app.js); the page itself never does.
    # With method "get" it is a plain query form (search) that never writes anything.
    api: str
    icon_button_label: str | None = None
    has_icon_button: bool = False
    method: str = "api"
    kind: str = "form"


@dataclass(frozen=True)
class OpCard:
    key: str
    title: str
    intent: str
    preconditions: str
    result: str
    progress: str
    failure: str
    evidence: Link | None
    api: str
    trigger_label: str
    confirm: str  # "none", "typed" (dialog) or "window"
    hidden: bool = False  # in the page but display:none (only a fault hides one)


@dataclass(frozen=True)
class OpCards:
    heading: str
    cards: tuple[OpCard, ...]
    kind: str = "ops"


@dataclass(frozen=True)
class Timeline:
    heading: str
    entries: tuple[Entry, ...]
    subject: str | None = None  # shown as evidence-subject when the timeline is evidence
    kind: str = "timeline"


@dataclass(frozen=True)
class EvidenceList:
    heading: str
    subject: str | None
    subject_name: str | None
    entries: tuple[Entry, ...]
    total: int
    all_href: str
    kind: str = "evidence"


@dataclass(frozen=True)
class Pre:
    heading: str
    text: str
    label: str
    kind: str = "pre"


@dataclass(frozen=True)
class Notice:
    text: str
    kind: str = "notice"


@dataclass(frozen=True)
class ExternalLink:
    """A link that leaves the console (e.g. opening an app runtime in a new tab)."""

    label: str
    href: str
    testid: str
    kind: str = "external"


@dataclass(frozen=True)
class ApiPanel:
    """A block whose content the browser loads from the JSON API (static/panels.js): busy while
    loading, then the data, an empty state or an error state saying what happened. Null fields
    show as a dash."""

    heading: str
    api: str
    render: str  # "telemetry" (facts and a per-GPU table) or "table" (the feed's items)
    what: str  # what the panel shows, for its loading and error text: "telemetry"
    empty: str  # the empty state's text
    columns: tuple[tuple[str, str], ...] = ()  # (JSON key, column label) of a "table"
    link: str | None = None  # JSON key of the href the first cell links (a resource row)
    faults: tuple[str, ...] = ()  # client-side faults: "null-nan", "error-blank"
    kind: str = "api"


@dataclass(frozen=True)
class Dialog:
    op_key: str
    op_label: str
    expected: str
    api: str
    # "exact" enables submit only for the resource name; "nonempty" for any text.
    match: str = "exact"


Block = (Prose | Facts | Table | Cards | LinkList | Form | OpCards | Timeline | EvidenceList
         | Pre | Notice | ExternalLink | ApiPanel)


@dataclass
class Page:
    family: str
    title: str
    nav_key: str | None
    blocks: list[Block] = field(default_factory=list)
    header: ResourceHeader | None = None
    tabs: Tabs | None = None
    lead: str | None = None
    dialog: Dialog | None = None
    status: int = 200
    # False: a full-width page (the browser terminal) shows no local nav in a family with one.
    local_nav: bool = True
    # Extra inline scripts; only a fault adds one.
    scripts: tuple[str, ...] = ()
    # Third-party resources the page loads in <head> (a web font's stylesheet, a telemetry
    # script), on hosts that never answer here: the browser logs each as a console error.
    stylesheets: tuple[str, ...] = ()
    external_scripts: tuple[str, ...] = ()
