"""The scenario format: typed, immutable models of everything a scenario file holds.

These classes are the format's single definition: loading validates against them, the
JSON Schema (``python main.py schema``) is generated from them, and every field's
description here is what a modder reads.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from game.conditions import Condition

#: The format version this Parley reads and writes.
FORMAT_VERSION = 1
#: The oldest format version this Parley still reads.
MIN_FORMAT_VERSION = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=600)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-100.0, le=100.0)]
Shift = Annotated[float, Field(ge=-0.5, le=0.5)]

MoveKind = Literal["propose", "accept", "reject", "tactic", "walkout"]
TacticKind = Literal["statement", "appeal", "precondition", "threat", "allies",
                     "concession", "question", "preference", "red_line"]
#: The tactic kinds said before the side's move, as an answer is: using one leaves the side
#: its move (the engine's rule, and what every front end tells players).
BEFORE_THE_MOVE: frozenset[str] = frozenset({"red_line"})
Strategy = Literal["boulware", "linear", "conceder", "tit_for_tat"]
Trigger = Literal["agreement", "walkout", "deadline", "breakdown"]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Part):
    """A quotation the game rests on; positions, issues and lines cite it by id."""

    id: Id = Field(description="Short name other parts use to cite this source.")
    speaker: Text = Field(description="Who said it, with their role.")
    text: Text = Field(description="The exact words quoted.")
    origin: Text = Field(description="Where the quote comes from (publication, date).")

    @property
    def attribution(self) -> str:
        """Who said it and where, as every screen and page names a quote's source: the
        speaker and the origin, or only the longer of the two when one begins with the
        other ("Washington Examiner, 20 May 2016" beside "Washington Examiner, 20 May 2016,
        looking back on these talks" is said once, with what the longer one adds), and a
        publication and date both begin with said once."""
        speaker, origin = self.speaker, self.origin
        if origin.startswith(speaker):
            return origin
        if speaker.startswith(origin):
            return speaker
        # Both begin with the same publication and date: said once, then what each adds
        # ("Washington Examiner, 20 May 2016, on Shoigu; on a meeting broadcast that day").
        said, told = speaker.split(", "), origin.split(", ")
        shared = 0
        while shared < min(len(said), len(told)) and said[shared] == told[shared]:
            shared += 1
        if shared:
            return f"{speaker}; {', '.join(told[shared:])}"
        return f"{speaker}; {origin}"


class Option(Part):
    """One way an issue can be settled."""

    id: Id = Field(description="Unique id; in conditions it stands for its 1-based "
                               "position among its issue's options.")
    name: Line = Field(description="Short label shown on the agenda.")
    description: Text = Field(description="What this option means in practice.")
    lose_lose: Line | None = Field(
        default=None,
        description="For an option both sides value below another option of its issue, kept "
                    "on purpose: players who take their interests to be opposed may settle "
                    "on it and both lose. One sentence saying why both are worse off with "
                    "it; validate then does not warn that it is dominated (it warns when it "
                    "is not), and the debrief of a deal that holds it says so.")


class Issue(Part):
    """A question on the table; a package picks one option for each issue."""

    id: Id = Field(description="Unique id; in conditions it stands for the 1-based "
                               "position of the option on the table (0 when none).")
    name: Line = Field(description="Short label shown on the agenda.")
    in_sentence: Line | None = Field(
        default=None, description="The name as it reads inside a sentence, with its article "
                                  "when it takes one, e.g. 'the start date' or "
                                  "'humanitarian access': the delegations say 'On the start "
                                  "date: mid-June.' and 'What matters most to us is the start "
                                  "date.' Default: the name with a small first letter "
                                  "('start date').")
    description: Text = Field(description="What the issue is about.")
    options: list[Option] = Field(min_length=2, max_length=8,
                                  description="The options, in a meaningful order "
                                              "(conditions compare their positions).")
    runs_from: Id | None = Field(
        default=None,
        description="When the options run from one side's wish to the other's: the id of "
                    "the side whose wish the first option is (the last is the other "
                    "side's). Public, as the order is: the record and the computer read it "
                    "to judge which way a proposal leaves a point both sides' latest "
                    "proposals held (toward the other side's end it gives more than was "
                    "asked; back toward the proposer's own it takes the point back), even "
                    "when both opened on the same option. Without it, the two sides' "
                    "opening proposals tell the way, when they differ.")
    cite: list[Id] = Field(default=[], description="Ids of sources this issue rests on.")


class Meter(Part):
    """A number the game tracks: trust, ceasefire stability, support at home."""

    id: Id = Field(description="Unique id; in conditions it stands for the current value.")
    name: Line = Field(description="Label shown beside the meter.")
    description: Text = Field(description="What the meter measures and why it matters.")
    min: int = Field(default=0, ge=-1000, le=1000, description="Lowest value.")
    max: int = Field(default=100, ge=-1000, le=1000, description="Highest value.")
    start: int = Field(ge=-1000, le=1000, description="Value at the start of the game.")
    side: Id | None = Field(default=None, description="The side whose standing this meter "
                                                      "measures, if it belongs to one side.")


class Batna(Part):
    """What a side does if there is no deal: its best alternative to a negotiated agreement."""

    name: Line = Field(description="Short name of the alternative: what happens without "
                                   "a deal (validate warns when it is named like an "
                                   "option, which players read as the same thing).")
    description: Text = Field(description="What the side does without a deal.")
    value: Unit = Field(description="Its utility for the side, on the same 0-1 scale as "
                                    "packages; a deal is worth taking only above it.")
    cite: list[Id] = Field(default=[], description="Ids of sources for this alternative.")


class RedLine(Part):
    """A combination of options the side must never agree to."""

    text: Line = Field(description="The red line in the side's own words.")
    forbid: dict[Id, list[Id]] = Field(
        min_length=1, description="Issue id -> option ids; a package crosses the red line "
                                  "when, for every issue named, it picks one of the options "
                                  "listed.")


#: Issue id -> option ids: the options a rule, red line or combination is about. A package
#: matches when, for every issue named, it picks one of the options listed.
OptionsByIssue = dict[Id, list[Id]]
#: What a combination adds to a side's utility (or takes away, when negative).
Bonus = Annotated[float, Field(ge=-0.5, le=0.5)]


class Contradiction(Part):
    """Options of different issues that cannot stand together in one package.

    A package that picks, for every issue named, one of the options listed is incoherent:
    nobody may propose it, the computer never considers it, and the analysis (frontier,
    Nash point, charts) leaves it out.
    """

    options: OptionsByIssue = Field(
        json_schema_extra={"minProperties": 2},
        description="Issue id -> option ids, for at least two issues; a package is "
                    "incoherent when, for every issue named, it picks one of the options "
                    "listed.")
    why: Line = Field(description="Why these options cannot stand together, in one plain "
                                  "sentence; players are shown it when they try.")


class Combination(Part):
    """Options of different issues that a side values above or below the sum of its parts.

    ``value`` is added to the side's utility of every package that picks, for every issue
    named, one of the options listed; it is on the package's 0-1 scale (0.03 is 3 points of
    100), not weighted by any issue. The utility is then kept within 0 to 1: anything
    beyond is cut off, and `validate` warns when that can happen.
    """

    options: OptionsByIssue = Field(
        json_schema_extra={"minProperties": 2},
        description="Issue id -> option ids, for at least two issues; the value applies "
                    "when, for every issue named, the package picks one of the options "
                    "listed.")
    value: Bonus = Field(description="Added to the side's utility (0-1 scale, so 0.03 is 3 "
                                     "points); negative when the combination is worth less "
                                     "than its parts.")
    why: Line = Field(description="Why the side values the options together differently, "
                                  "in the side's own terms; shown in its points table.")


class Personality(Part):
    """How the computer plays this side.

    Besides its own utilities, the computer watches the meter with id ``trust`` (it appeals
    or makes gestures when trust is low) and, as its side's support, the first meter whose
    ``side`` is its side (it invokes its allies when that is low).
    """

    strategy: Strategy = Field(description="boulware (concedes late), linear, conceder "
                                           "(concedes early) or tit_for_tat (mirrors the "
                                           "other side's concessions).")
    opening: Unit = Field(default=1.0, description="Share of its best utility it opens "
                                                   "with (1 = its ideal package).")
    margin: Shift = Field(default=0.05, description="How far above its BATNA its last "
                                                    "acceptable utility lies.")
    reactions: dict[TacticKind, Annotated[float, Field(ge=-1.0, le=1.0)]] = Field(
        default={}, description="Tactic kind -> reaction from -1 (hardens) to 1 (softens); "
                                "scales a tactic's pressure on this side.")
    tactic_rate: Unit = Field(default=0.3, description="How often it uses a tactic "
                                                       "instead of an offer.")
    walkout_when: str | None = Field(default=None, description="Condition under which it "
                                                               "walks out, e.g. "
                                                               "'trust < 15'.")
    candour: Unit = Field(default=1.0, description="How openly it answers when asked what "
                                                   "matters most: 1 always names its true "
                                                   "priority; lower, it names it only when "
                                                   "trust is at least (1 - candour) x 100, "
                                                   "deflects when trust is half that, and "
                                                   "declines below.")


def possessive(name: str) -> str:
    """*name* as a possessive: "Russia's", "the United States'", "Team Owls'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _first_up(text: str) -> str:
    """*text* with a capital first letter, the rest as it is."""
    return text[:1].upper() + text[1:]


class Side(Part):
    """One of the two delegations."""

    name: Line = Field(description="Country or party, e.g. 'United States'.")
    in_sentence: Line | None = Field(
        default=None, description="The name as it reads inside a sentence, with its article "
                                  "when it takes one, e.g. 'the United States' (the game "
                                  "writes 'Offers by the United States', 'the United States' "
                                  "fallback'); it must contain the name. Default: the name.")
    short: Annotated[str, StringConstraints(min_length=1, max_length=12)] = Field(
        description="Short label, e.g. 'US'.")
    negotiator: Line = Field(description="Who speaks for the side at the table.")
    colour: Colour = Field(description="Side colour as #rrggbb.")
    portrait: str | None = Field(default=None, description="Portrait image, relative to "
                                                           "the scenario's folder.")
    flag: str | None = Field(default=None, description="Flag image, relative to the "
                                                       "scenario's folder.")
    brief: Text = Field(description="Confidential brief only this side's player sees.")
    priorities: list[Line] = Field(min_length=1, description="The brief's key points.")
    cite: list[Id] = Field(default=[], description="Ids of sources for this side's brief.")
    batna: Batna
    red_lines: list[RedLine] = Field(default=[])
    weights: dict[Id, Annotated[float, Field(gt=0.0, le=1.0)]] = Field(
        description="Issue id -> weight; the weights must add up to 1.")
    values: dict[Id, dict[Id, Unit]] = Field(
        description="Issue id -> option id -> value from 0 to 1 for this side.")
    combinations: list[Combination] = Field(
        default=[], max_length=30,
        description="Options of different issues this side values together above or below "
                    "the sum of their values.")
    personality: Personality
    lines: dict[Literal["propose", "counter", "concede", "stand_by", "accept", "reject",
                        "walkout", "pass", "hold", "answer", "deflect", "decline"],
                Lines] = Field(
        default={}, description="What the negotiator says when making each kind of move, "
                                "one line or a list of variants with the same placeholders "
                                "and conditions as a tactic's line (a default is used for "
                                "any left out; validate warns about it). A proposal's line "
                                "is followed by the package, spoken issue by issue; "
                                "'concede' is said instead of 'propose' or 'counter' with a "
                                "proposal that moves toward the other side's latest one, "
                                "or gives more than it asked, and away from it on no issue "
                                "(when left out, those are said); 'stand_by' with the same "
                                "package as the side's last proposal, made again (when left "
                                "out, the game's own words); 'hold' instead of 'pass' "
                                "while the side's own proposal is on the table, waiting "
                                "for the other side's answer (when left out, 'pass' is "
                                "said); 'answer' opens a named "
                                "priority; a 'reject' line fills no {insisted}, "
                                "{withdrawn} or {unmoved} (a refusal names no point of the "
                                "other side's: its real reason may be private).")

    def ranked(self, issues: Sequence[Issue], named: Collection[str] = ()) -> list[Issue]:
        """*issues* from the one that weighs most for this side to the one that weighs least,
        leaving out those in *named* (the order in which it tells what matters most)."""
        return sorted((i for i in issues if i.id not in named),
                      key=lambda i: -self.weights[i.id])

    @property
    def called(self) -> str:
        """Its name inside a sentence ("the United States", "Russia")."""
        return self.in_sentence or self.name

    @property
    def called_first(self) -> str:
        """Its name at the start of a sentence ("The United States")."""
        return _first_up(self.called)

    @property
    def whose(self) -> str:
        """Its name as a possessive inside a sentence ("the United States'", "Russia's")."""
        called = self.called
        return possessive(called)

    @property
    def whose_first(self) -> str:
        """Its possessive at the start of a sentence ("The United States'")."""
        return _first_up(self.whose)


class Effects(Part):
    """What a tactic or event changes."""

    meters: dict[Id, Delta] = Field(default={}, description="Meter id -> change.")
    batna: dict[Id, Shift] = Field(default={}, description="Side id -> change to that "
                                                           "side's BATNA value.")
    stance: dict[Id, Shift] = Field(default={}, description="Side id -> how much more "
                                                            "(positive) or less willing "
                                                            "to concede it becomes.")

    def sets_back(self) -> bool:
        """Whether an event with these effects sets the talks back, as both sides see it:
        it lowers some meter and raises none (a line may then give it as a reason to ask
        for more, ``{event}``). Its effects on a side's fallback or stance are that side's
        own, never read for what the other side hears."""
        deltas = self.meters.values()
        return any(d < 0 for d in deltas) and not any(d > 0 for d in deltas)

    def sets_back_for(self, side: str, owners: Mapping[str, str | None]) -> bool:
        """Whether an event with these effects sets the talks back for *side*, as both sides
        see it (:meth:`sets_back`): unless it lowers a meter that belongs to the other side
        (its support at home, *owners* mapping a meter's id to its side) and none of
        *side*'s own. "In Moscow, pressure grows to ask more of Washington" lowers Russia's
        support: Russia may then say it cannot give ground after it, the United States may
        not (a terminal playtest heard Washington give it as its own reason)."""
        if not self.sets_back():
            return False
        hit = {owners.get(meter) for meter, delta in self.meters.items() if delta < 0}
        hit.discard(None)
        return not hit or side in hit

    def eases(self) -> bool:
        """Whether an event with these effects eases the talks, as both sides see it: it
        raises some meter. An event that set them back earlier is then no reason a line
        may give (``{event}``)."""
        return any(d > 0 for d in self.meters.values())


class SaidWhen(Part):
    """A variant of a line said only while a condition holds."""

    text: Line = Field(description="The line, with the same placeholders as any other.")
    when: str = Field(description="Condition that must hold for the line to be said, on "
                                  "what both sides see, e.g. 'offers_ru >= 1' (Russia has "
                                  "made a proposal) or 'may_25_arrives == 0' (an event has "
                                  "not happened yet). With a proposal, the issues stand for "
                                  "the package being proposed; with an acceptance or a "
                                  "rejection, for the one on the table.")


def line_text(variant: str | SaidWhen) -> str:
    """The words of one variant of a line, with or without a condition."""
    return variant if isinstance(variant, str) else variant.text


#: What a negotiator says: one line, or several variants (one is chosen each time, never the
#: same twice in a row), each a line or a line said only while a condition holds. A line
#: may refer to what just happened with {other}, {insisted}, {withdrawn}, {threat}, {moved},
#: {unmoved} or {event}.
Lines = Line | Annotated[list[Line | SaidWhen], Field(min_length=1, max_length=12)]

class ConditionalEffects(Part):
    """Effects that apply only when a condition holds."""

    when: str = Field(description="Condition that must hold when the tactic is used (its "
                                  "own use already counted, its effects not yet applied), "
                                  "e.g. 'trust >= 60'.")
    effects: Effects = Field(description="What is changed, besides the tactic's own "
                                         "effects, when the condition holds.")


class TacticUse(Part):
    """A tactic as one side uses it."""

    line: Lines = Field(description="What the side's negotiator says: one line or a list "
                                    "of variants. Placeholders: {other} (the other side's "
                                    "name as its 'name' gives it, without an article: "
                                    "write 'the {other}' where one is needed), {insisted} (an option the other side keeps in "
                                    "its offers), {withdrawn} (an option it offered and took "
                                    "back), {threat} (a threat it has repeated), {moved} "
                                    "or {unmoved} (the other side's name, only when its "
                                    "last proposal moved toward this side's, or did not "
                                    "and met no more of its issues, as the record judges "
                                    "it, until this side answers it "
                                    "with a proposal), {event} (in a proposal's line only: "
                                    "the latest event since the computer's last proposal "
                                    "that lowered a meter and raised none, and no meter of "
                                    "the other side's alone (its support at home), in its "
                                    "in_sentence words or else by its name, "
                                    "while its "
                                    "proposal moves away from the other side's or stands by "
                                    "its last one); a variant whose placeholder "
                                    "cannot be filled, or whose condition does not hold, is "
                                    "not used.")
    cite: list[Id] = Field(default=[], description="Ids of sources the line rests on.")
    reply: Lines | None = Field(
        default=None,
        description="What the other delegation answers at once, when the computer plays "
                    "that other side: "
                    "one line or a list of variants, with the same placeholders and "
                    "conditions as 'line', said by the other side (a condition reads the "
                    "talks after this use and its effects: 'trust >= 60', or "
                    "'walk_away >= 2' for a threat made a second time). Left out: the "
                    "other side answers with its next move alone. The game never speaks "
                    "for a player: a side played by a person or a team gives no reply.")
    effects: Effects = Field(default=Effects(), description="What using it changes.")
    conditional: list[ConditionalEffects] = Field(
        default=[], max_length=10,
        description="Extra effects that apply only when their condition holds, e.g. "
                    "{when: 'trust >= 60', effects: {stance: {us: 0.02}}}; each one whose "
                    "condition holds applies, in order.")


class Tactic(Part):
    """A move other than an offer: an appeal, a threat, a question..."""

    id: Id = Field(description="Unique id; in conditions it stands for the times the "
                               "tactic has been used.")
    name: Line = Field(description="Label on the move's button.")
    kind: TacticKind = Field(description="What kind of move it is; the other side's "
                                         "personality reacts by kind. 'question' makes the "
                                         "other side reveal a priority, 'preference' "
                                         "reveals one's own, 'red_line' says the side's "
                                         "red lines aloud, each in its own words after the "
                                         "line: the other side knows them from then on.")
    help: Text = Field(description="What it does, shown as the move's tooltip.")
    when: str | None = Field(default=None, description="Condition for it to be available.")
    when_text: Line | None = Field(default=None, description="What players are told while "
                                                             "the condition does not hold, "
                                                             "e.g. 'from round 2'.")
    phases: list[Id] | None = Field(default=None, description="Phases it may be used in "
                                                              "(default: every phase that "
                                                              "allows tactics).")
    limit: int | None = Field(default=None, ge=1, le=100,
                              description="How many times each side may use it.")
    pressure: Annotated[float, Field(ge=-0.2, le=0.2)] = Field(
        default=0.0, description="Push on the other side's willingness to concede, scaled "
                                 "by its reaction to this kind.")
    sides: dict[Id, TacticUse] = Field(min_length=1, description="Side id -> how that side "
                                                                 "uses it; only sides "
                                                                 "listed may use it.")


class Event(Part):
    """Something that happens at the start of a round: scripted or by chance."""

    id: Id = Field(description="Unique id; in conditions it stands for the times the "
                               "event has happened.")
    name: Line = Field(description="Headline shown when it happens.")
    in_sentence: Line | None = Field(
        default=None, description="The event as a delegation names it inside a sentence, "
                                  "e.g. 'the fighting near Aleppo': a line's {event} says it "
                                  "('After the fighting near Aleppo, Moscow cannot give "
                                  "ground now.'). Without it, {event} is the headline, which "
                                  "a line should then put in quotation marks.")
    text: Text = Field(description="What happened, as announced at the table.")
    when: str | None = Field(default=None, description="Condition for it to happen.")
    chance: Unit = Field(default=1.0, description="Chance it happens in a round where its "
                                                  "condition holds.")
    once: bool = Field(default=True, description="Whether it can happen only once.")
    again: Text | None = Field(
        default=None, description="What is announced when an event that can happen more "
                                  "than once (once: false) happens again; without it, its "
                                  "text is announced again word for word.")
    effects: Effects = Field(default=Effects())
    cite: list[Id] = Field(default=[], description="Ids of sources the event rests on.")
    date: Line | None = Field(
        default=None, description="When it happens, as shown to players: the front page at "
                                  "the end of a game in which it happened carries the "
                                  "latest such date instead of the scenario's.")


class Phase(Part):
    """A stage of the talks; the state machine is built from the list of phases."""

    id: Id = Field(description="Unique id; in conditions it stands for 1 while the phase "
                               "is current, else 0.")
    name: Line = Field(description="Name shown when the phase begins.")
    description: Text = Field(description="Shown when the phase begins.")
    rounds: int = Field(ge=1, le=50, description="Rounds in the phase; in a round each "
                                                 "side moves once.")
    moves: list[MoveKind] = Field(min_length=1, description="Moves allowed in the phase.")
    adjustable: bool = Field(default=False, description="Whether a teacher's 'rounds' "
                                                        "setting replaces this phase's "
                                                        "round count.")


class Outcome(Part):
    """A way the game can end; the first whose trigger and condition match is the result."""

    id: Id = Field(description="Unique id of the outcome.")
    name: Line = Field(description="Name of the outcome, shown at the debrief.")
    trigger: Trigger = Field(description="agreement, walkout, deadline (rounds ran out) or "
                                         "breakdown (checked after every move and event).")
    when: str | None = Field(default=None, description="Extra condition (default: always).")
    text: Text = Field(description="What the outcome means, shown at the debrief.")


class HistoryFact(Part):
    """A checked fact for the debrief's history."""

    date: Line = Field(description="When it happened, as shown to players.")
    text: Text = Field(description="What happened, in the scenario's own words.")
    source: Line = Field(description="Where the fact is documented.")


class Debrief(Part):
    """What the debrief teaches after the game."""

    history: list[HistoryFact] = Field(min_length=1, description="What really happened.")
    questions: list[Line] = Field(min_length=1, description="Questions for discussion.")


class Scenario(Part):
    """A whole scenario file."""

    format: int = Field(description=f"Format version; this Parley reads "
                                    f"{MIN_FORMAT_VERSION} to {FORMAT_VERSION}.")
    id: Id = Field(description="Unique id of the scenario; saves name it.")
    title: Line = Field(description="Title shown in the list of scenarios.")
    date: Line = Field(description="When the talks take place, as shown to players.")
    summary: Text = Field(description="A few sentences shown before a game starts.")
    minutes: int = Field(ge=1, le=300, description="Typical length of a game in minutes.")
    opens: Id = Field(description="The side that moves first.")
    sources: list[Source] = Field(default=[])
    sides: dict[Id, Side] = Field(min_length=2, max_length=2,
                                  description="The two sides, by id (conditions and effects "
                                              "use the ids).")
    issues: list[Issue] = Field(min_length=1, max_length=10)
    contradictions: list[Contradiction] = Field(
        default=[], max_length=60,
        description="Options of different issues that contradict each other: no package "
                    "may hold them together.")
    meters: list[Meter] = Field(default=[], max_length=12)
    tactics: list[Tactic] = Field(default=[], max_length=60)
    events: list[Event] = Field(default=[], max_length=60)
    most_chance_events: int | None = Field(
        default=None, ge=1, le=60,
        description="The most events that happen by chance (chance below 1) in one round; "
                    "events certain to happen (chance 1) always do, first. When more would "
                    "happen, those that do are drawn at random among them, so that no "
                    "event wins by its place in the list. Without it, any number may.")
    move_effects: dict[Literal["reject", "concede", "harden", "answer", "deflect", "decline"],
                       Effects] = Field(
        default={}, description="What every move of a kind changes: 'reject' a proposal, "
                                "'concede' (a proposal that, issue by issue, comes nearer to "
                                "the other side's latest proposal, or meets it, more often "
                                "than it goes farther), 'harden' (a proposal that goes "
                                "farther more often, or takes back an option both latest "
                                "proposals agreed on); and how a side answers when asked "
                                "what matters most: 'answer' (it names an issue), "
                                "'deflect', 'decline'.")
    phases: list[Phase] = Field(min_length=1, max_length=12)
    outcomes: list[Outcome] = Field(min_length=1, max_length=30)
    debrief: Debrief

    # Filled in by the loader once the file has passed every check.
    _conditions: dict[str, Condition] = PrivateAttr(default_factory=dict)
    _file: str = PrivateAttr(default="<scenario>")
    _digest: str = PrivateAttr(default="")
    _space: object = PrivateAttr(default=None)
    #: The engine's rules of this scenario, made on first use (see ``game.engine._rules``):
    #: kept with the scenario and gone with it.
    _kept_rules: object = PrivateAttr(default=None)

    @property
    def file(self) -> str:
        """The path the scenario was read from."""
        return self._file

    @property
    def digest(self) -> str:
        """SHA-256 of the file's bytes: a save names the exact scenario it was played on."""
        return self._digest

    @property
    def side_ids(self) -> tuple[str, str]:
        """The two side ids, the opening side first."""
        first = self.opens
        # A plain loop, not next() over a generator: asked several times every move.
        for side in self.sides:
            if side != first:
                return first, side
        raise ValueError(f"no side faces the opening side {first!r}")

    def other(self, side: str) -> str:
        """The id of the side facing *side*."""
        a, b = self.side_ids
        return b if side == a else a

    def side_named(self, text: str) -> str | None:
        """The id of the side *text* names, in any case: its id, name, short name or name in
        a sentence ("ru", "Russia", "US", "the United States"); None when it names none."""
        wanted = text.strip().lower()
        for side in self.side_ids:
            spec = self.sides[side]
            if wanted in {word.strip().lower() for word in
                          (side, spec.name, spec.short, spec.in_sentence) if word}:
                return side
        return None

    def condition(self, text: str) -> Condition:
        """The parsed form of a condition written in this scenario."""
        return self._conditions[text]

    def issue(self, issue_id: str) -> Issue:
        return next(i for i in self.issues if i.id == issue_id)

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def tactic(self, tactic_id: str) -> Tactic:
        return next(t for t in self.tactics if t.id == tactic_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def outcome(self, outcome_id: str | None) -> Outcome | None:
        """The outcome with id *outcome_id* (None: no such outcome, or no id)."""
        return next((o for o in self.outcomes if o.id == outcome_id), None)
