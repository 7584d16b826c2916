"""A saved game in words, for the lists that offer one: its teams, its state and when it
was saved."""

from __future__ import annotations

from datetime import datetime

import pygame

from game.save import SaveFile, SaveSummary
from game.ui.text import fitting


def pretty(identifier: str | None) -> str:
    """An outcome id as words: "verified_joint_operation" -> "Verified joint operation"."""
    return (identifier or "over").replace("_", " ").capitalize()


def outcome_words(save: SaveFile) -> str:
    """How a finished save ended, by the name the debrief gives it (a save written before
    saves kept that name: its id in words)."""
    return save.outcome_name or pretty(save.outcome)


def saved_when(stamp: str, now: datetime | None = None) -> str:
    """A save's UTC time stamp as the player's local time: "today 14:03", "yesterday
    09:10", "3 May 14:03", or with the year when it is not this year's."""
    try:
        when = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp[:16].replace("T", " ")
    today = (now or datetime.now().astimezone()).date()
    clock = when.strftime("%H:%M")
    days = (today - when.date()).days
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"yesterday {clock}"
    day = f"{when.day} {when.strftime('%b')}"
    return f"{day} {clock}" if when.year == today.year else f"{day} {when.year} {clock}"


def teams_text(save: SaveFile) -> str:
    """"Team Harbour v Computer": the teams in the order of the sides."""
    return " v ".join(name for name in save.teams.values() if name) or "no team names"


def describe(summary: SaveSummary) -> tuple[str, str]:
    """The two lines of a save in the list: its scenario, and its teams, round or outcome
    and date."""
    save = summary.save
    if save is None:
        return f"{summary.path.name}", "cannot be read: choose it to see why"
    state = f"ended: {outcome_words(save)}" if save.finished else f"round {save.round}"
    return (save.scenario.title,
            f"{teams_text(save)}  \u00b7  {state}  \u00b7  {saved_when(save.saved)}")


def shorten(text: str, font: pygame.font.Font, width: int) -> str:
    """*text* cut with an ellipsis to fit *width* (a list row: the detail panel shows it
    whole)."""
    if len(text) <= max(width, 1) and font.size(text)[0] <= width:
        return text
    head = text[:max(width, 1)]
    return head[:fitting(font, head, width, "\u2026")].rstrip() + "\u2026"
