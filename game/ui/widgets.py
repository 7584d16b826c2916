"""Parley's own small widgets: buttons, choices, scrolling text, and the focus ring that
lets every one of them work by keyboard alone.

Each widget renders its face once per state and size and reuses it; a screen lays its
widgets out again only when the window, the text size or the theme changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame

from game.ui.text import draw_line, fit, report_overflow, wrap
from game.ui.theme import Theme

#: What a button does when pressed (what it returns, if anything, is not used).
Action = Callable[[], object]


class Widget:
    """Something on screen the player can focus and act on."""

    focusable = True
    #: Focusable even when disabled (text one scrolls rather than acts on).
    always_focusable = False

    def __init__(self, rect: pygame.Rect | None = None, tooltip: str = "") -> None:
        self.rect = pygame.Rect(rect or (0, 0, 0, 0))
        self.enabled = True
        self.visible = True
        self.tooltip = tooltip
        #: Where the widget may be drawn and clicked (inside a scrolled list), or None.
        self.clip: pygame.Rect | None = None
        #: Where its tooltip goes when no place beside it is clear of other controls (None:
        #: the first place beside it on the screen).
        self.tip_spot: pygame.Rect | None = None

    def activate(self) -> None:
        """What Enter or a click does."""

    def key(self, event: pygame.event.Event) -> bool:
        """Handle a key while focused; True if used."""
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.enabled:
            self.activate()
            return True
        return False

    def click(self, pos: tuple[int, int], button: int) -> bool:
        if button == 1 and self.enabled:
            self.activate()
            return True
        return False

    def wheel(self, dy: int) -> bool:
        return False

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        raise NotImplementedError

    def texts(self) -> list[str]:
        """The texts this widget shows (for the overflow check)."""
        return []


def primary_fill(c: dict[str, pygame.Color], hovered: bool) -> pygame.Color:
    """The face of an enabled primary button: the accent when pointed at, else the
    accent toned toward the button colour; its label is drawn in the background colour."""
    return c["accent"] if hovered else c["accent"].lerp(c["button"], 0.35)


def draw_focus(surface: pygame.Surface, theme: Theme, rect: pygame.Rect) -> None:
    width = max(2, theme.unit // 3)
    pygame.draw.rect(surface, theme.c["focus"], rect.inflate(width * 2, width * 2), width,
                     border_radius=6)


class Button(Widget):
    """A button with a label (wrapped to two lines when it must), an optional key hint
    drawn as a keycap, and a tooltip."""

    def __init__(self, label: str, action: Action | None = None, *, hint: str = "",
                 tooltip: str = "", kind: str = "normal", enabled: bool = True,
                 role: str = "body") -> None:
        super().__init__(tooltip=tooltip)
        self.label = label
        self.action = action
        self.hint = hint
        self.kind = kind
        self.enabled = enabled
        self.role = role
        self._faces: dict[tuple[Any, ...], pygame.Surface] = {}

    def activate(self) -> None:
        if self.enabled and self.action is not None:
            self.action()

    def texts(self) -> list[str]:
        return [self.label]

    def width_for(self, theme: Theme, least: int) -> int:
        """*least* pixels at 1280x720, scaled to the window, or wider to hold the label
        (at a larger text size, say)."""
        return max(round(least * theme.ui_scale), self.natural_width(theme))

    def natural_width(self, theme: Theme, label: str | None = None) -> int:
        """The width that holds each line of the label (or of *label*, one it might take)
        whole beside its key hint."""
        font = theme.fonts.get(self.role, bold=self.kind == "primary")
        said = self.label if label is None else label
        width = max(font.size(line)[0] for line in said.split("\n")) + \
            2 * theme.unit + 4
        if self.hint:
            small = theme.fonts.get("small", bold=True)
            width += max(small.size(self.hint)[0] + 8, small.get_linesize() + 2) + theme.unit
        return width

    def set_label(self, label: str) -> None:
        if label != self.label:
            self.label = label
            self._faces.clear()

    def _face(self, theme: Theme, hovered: bool, focused: bool) -> pygame.Surface:
        state = "off" if not self.enabled else "hover" if hovered or focused else "on"
        key = (state, self.rect.size, id(theme), self.label, self.hint, self.kind)
        face = self._faces.get(key)
        if face is not None:
            return face
        if len(self._faces) > 8:
            self._faces.clear()
        c = theme.c
        face = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        fill = c["button_hover"] if state == "hover" else c["button"]
        if self.kind == "primary" and self.enabled:
            fill = primary_fill(c, state == "hover")
        border = c["border"]
        pygame.draw.rect(face, fill, face.get_rect(), border_radius=6)
        pygame.draw.rect(face, border, face.get_rect(), 1, border_radius=6)
        text_colour = c["button_text"] if self.enabled else c["disabled"]
        if self.kind == "danger" and self.enabled:
            text_colour = c["bad"]
        if self.kind == "primary" and self.enabled:
            # Dark on the amber face, at rest and pointed at: 4.5:1 or more (WCAG AA).
            text_colour = c["background"]
        font = theme.fonts.get(self.role, bold=self.kind == "primary")
        pad = theme.unit
        x = pad
        if self.hint:
            small = theme.fonts.get("small", bold=True)
            cap = small.render(self.hint, True, text_colour)
            box = pygame.Rect(x, 0, max(cap.get_width() + 8, cap.get_height()), cap.get_height() + 2)
            box.centery = self.rect.h // 2
            pygame.draw.rect(face, text_colour, box, 1, border_radius=3)
            face.blit(cap, cap.get_rect(center=box.center))
            x = box.right + pad
        width = self.rect.w - x - pad
        lines = wrap(self.label, font, width)
        room = max(1, (self.rect.h - 4) // font.get_linesize())
        if len(lines) > room or any(font.size(line)[0] > width for line in lines):
            report_overflow("button", self.label)
            lines = lines[:room]
            lines[-1] = fit(lines[-1] + "\u2026", font, width)
        top = (self.rect.h - len(lines) * font.get_linesize()) // 2
        centred = not self.hint
        for n, line in enumerate(lines):
            image = font.render(line, True, text_colour)
            left = (self.rect.w - image.get_width()) // 2 if centred else x
            face.blit(image, (left, top + n * font.get_linesize()))
        self._faces[key] = face
        return face

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        if self.rect.w <= 0 or self.rect.h <= 0:
            return
        surface.blit(self._face(theme, hovered, focused), self.rect)
        if focused:
            draw_focus(surface, theme, self.rect)


class Choice(Widget):
    """A labelled value changed with Left/Right (or a click on either half)."""

    def __init__(self, label: str, values: Sequence[tuple[Any, str]], index: int,
                 on_change: Callable[[Any], None] | None = None, *, tooltip: str = "") -> None:
        super().__init__(tooltip=tooltip)
        self.label = label
        self.values = list(values)
        self.index = index
        self.on_change = on_change

    @property
    def value(self) -> Any:
        return self.values[self.index][0]

    def texts(self) -> list[str]:
        return [self.label] + [text for _, text in self.values]

    def step(self, delta: int) -> None:
        if not self.enabled:
            return
        self.index = (self.index + delta) % len(self.values)
        if self.on_change:
            self.on_change(self.value)

    def activate(self) -> None:
        self.step(1)

    def key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_LEFT:
            self.step(-1)
            return True
        if event.key == pygame.K_RIGHT:
            self.step(1)
            return True
        return super().key(event)

    def click(self, pos: tuple[int, int], button: int) -> bool:
        if button != 1:
            return False
        middle = self.rect.x + int(self.rect.w * 0.45) + int(self.rect.w * 0.55) // 2
        self.step(-1 if pos[0] < middle else 1)
        return True

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        c = theme.c
        pygame.draw.rect(surface, c["button_hover"] if hovered or focused else c["panel_alt"],
                         self.rect, border_radius=6)
        font = theme.fonts.get("body")
        pad = theme.unit
        label_w = int(self.rect.w * 0.45)
        y = self.rect.centery - font.get_linesize() // 2
        draw_line(surface, font, self.label, c["muted"], (self.rect.x + pad, y),
                  label_w - pad, where="choice label")
        value = self.values[self.index][1]
        arrows = theme.fonts.get("body", bold=True)
        vx = self.rect.x + label_w
        vw = self.rect.right - vx - pad
        # A locked choice's arrows are dimmed like its value: they change nothing.
        arrow = c["accent"] if self.enabled else c["disabled"]
        draw_line(surface, arrows, "<", arrow, (vx, y))
        draw_line(surface, arrows, ">", arrow, (self.rect.right - pad, y), align="right")
        inner = vw - 2 * arrows.size("< ")[0]
        draw_line(surface, font, value, c["text"] if self.enabled else c["disabled"],
                  (vx + vw // 2, y), inner, align="center", where="choice value")
        if focused:
            draw_focus(surface, theme, self.rect)


def clicked(event: pygame.event.Event) -> bool:
    """Whether *event* is a click: a left or right button pressed. A turn of the mouse
    wheel also comes as a button press (buttons 4 and 5), and is not one."""
    return event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3)


def tip_places(rect: pygame.Rect, size: tuple[int, int]) -> list[pygame.Rect]:
    """Where a tooltip of *size* may go for the control at *rect*, in the order tried:
    beside it (right, then left), above and below it (from its left edge, then from its
    right), then beside it from its bottom."""
    w, h = size
    return [pygame.Rect(rect.right + 8, rect.y, w, h), pygame.Rect(rect.x - 8 - w, rect.y, w, h),
            pygame.Rect(rect.x, rect.y - 6 - h, w, h), pygame.Rect(rect.x, rect.bottom + 6, w, h),
            pygame.Rect(rect.right - w, rect.y - 6 - h, w, h),
            pygame.Rect(rect.right - w, rect.bottom + 6, w, h),
            pygame.Rect(rect.right + 8, rect.bottom - h, w, h),
            pygame.Rect(rect.x - 8 - w, rect.bottom - h, w, h)]


class FocusRing:
    """The widgets of a screen in focus order. Tab / Shift+Tab (and, if the screen wants,
    Up/Down) move the focus; Enter acts; the mouse hovers and clicks."""

    def __init__(self, widgets: Sequence[Widget] = ()) -> None:
        self.widgets: list[Widget] = list(widgets)
        self.index = 0
        self.hover: Widget | None = None
        self.hover_time = 0.0
        self.keyboard = False
        #: Seconds since the last key: the focused widget's tooltip waits for a pause, so
        #: that it never covers what the player is stepping through.
        self.still = 0.0
        #: Tooltips made, by (text, width, theme): a tip drawn in a narrower spot is made at
        #: both widths each frame, so more than the last one is kept.
        self._tips: dict[tuple[Any, ...], pygame.Surface] = {}
        #: Where the last tooltip was drawn.
        self.tip_rect: pygame.Rect | None = None
        self._skip_to_enabled()

    def set(self, widgets: Sequence[Widget], keep: bool = True) -> None:
        """The widgets, in focus order. With *keep*, the focus stays on the widget it was
        on, even one that cannot be used for now (it shows no focus until it can): the
        focus never jumps to a control the player did not move to."""
        old = self.widgets[self.index % len(self.widgets)] if self.widgets else None
        self.widgets = list(widgets)
        if self.hover is not None and self.hover not in self.widgets:
            # A control that has left the screen (a closed list's) is no longer under the
            # pointer: its tooltip went on floating over the table.
            self.hover, self.hover_time = None, 0.0
        if keep and old is not None and old in self.widgets:
            self.index = self.widgets.index(old)
            return
        self.index = min(self.index, max(len(self.widgets) - 1, 0))
        self._skip_to_enabled()

    def _usable(self, w: Widget) -> bool:
        return w.focusable and w.visible and (w.enabled or w.always_focusable)

    def _skip_to_enabled(self) -> None:
        if self.widgets and not self._usable(self.widgets[self.index]):
            self.move(1)

    @property
    def focused(self) -> Widget | None:
        if not self.widgets:
            return None
        widget = self.widgets[self.index % len(self.widgets)]
        return widget if self._usable(widget) else None

    def focus(self, widget: Widget) -> None:
        if widget in self.widgets:
            self.index = self.widgets.index(widget)

    def move(self, delta: int) -> None:
        count = len(self.widgets)
        for step in range(1, count + 1):
            candidate = (self.index + delta * step) % count
            if self._usable(self.widgets[candidate]):
                self.index = candidate
                return

    def handle(self, event: pygame.event.Event, vertical: bool = True) -> bool:
        """Route *event* to the focused or pointed-at widget; True if it was used."""
        if event.type == pygame.KEYDOWN:
            self.keyboard = True
            self.still = 0.0
            if event.key == pygame.K_TAB:
                self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            focused = self.focused
            if focused is not None and focused.key(event):
                return True
            if vertical and event.key in (pygame.K_DOWN, pygame.K_UP):
                self.move(1 if event.key == pygame.K_DOWN else -1)
                return True
            return False
        if event.type == pygame.MOUSEMOTION:
            self.keyboard = False
            hit = self.at(event.pos)
            if hit is not self.hover:
                self.hover, self.hover_time = hit, 0.0
            return False
        if clicked(event):
            hit = self.at(event.pos)
            # A click answers the question a tooltip would: none comes up until the
            # pointer moves on to another control (it would cover the ones beside it).
            self.hover_time = -float("inf")
            if hit is not None:
                self.focus(hit)
                return hit.click(event.pos, event.button)
            return False
        if event.type == pygame.MOUSEWHEEL:
            hit = self.at(pygame.mouse.get_pos()) or self.focused
            return hit.wheel(event.y) if hit is not None else False
        return False

    def at(self, pos: tuple[int, int]) -> Widget | None:
        for widget in self.widgets:
            if widget.visible and widget.rect.collidepoint(pos) and (
                    widget.clip is None or widget.clip.collidepoint(pos)):
                return widget
        return None

    def update(self, dt: float) -> None:
        self.hover_time += dt
        self.still += dt

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        focused = self.focused
        for widget in self.widgets:
            if not widget.visible:
                continue
            if widget.clip is not None:
                if not widget.clip.colliderect(widget.rect):
                    continue
                old = surface.get_clip()
                surface.set_clip(widget.clip.inflate(8, 8))
                widget.draw(surface, theme, widget is focused, widget is self.hover)
                surface.set_clip(old)
            else:
                widget.draw(surface, theme, widget is focused, widget is self.hover)

    def _tip_face(self, text: str, width: int, theme: Theme) -> pygame.Surface:
        """*text* as a tooltip at most *width* wide (made once, then kept)."""
        key = (text, width, id(theme))
        face = self._tips.get(key)
        if face is None:
            font = theme.fonts.get("small")
            pad = theme.unit
            lines = wrap(text, font, width - 2 * pad)
            h = len(lines) * font.get_linesize() + 2 * pad
            w = max(font.size(line)[0] for line in lines) + 2 * pad
            face = pygame.Surface((w, h))
            face.fill(theme.c["panel_alt"])
            pygame.draw.rect(face, theme.c["accent"], face.get_rect(), 1)
            for n, line in enumerate(lines):
                face.blit(font.render(line, True, theme.c["text"]),
                          (pad, pad + n * font.get_linesize()))
            if len(self._tips) >= 8:
                self._tips.clear()
            self._tips[key] = face
        return face

    def draw_tooltip(self, surface: pygame.Surface, theme: Theme,
                     avoid: Sequence[pygame.Rect] = ()) -> None:
        """The tooltip of the hovered widget (after a moment) or, when the keyboard is in
        use, of the focused one; kept off other widgets and off *avoid* (what the screen
        shows that a player reads beside the control: the table's log column) where it
        can be."""
        widget = None
        if self.hover is not None and self.hover_time > 0.35 and self.hover.tooltip:
            widget = self.hover
        elif self.keyboard and self.still > 1.0 and self.focused is not None and \
                self.focused.tooltip:
            widget = self.focused
        if widget is None:
            return
        width = min(max(260, surface.get_width() // 3), surface.get_width() - 20)
        tip = self._tip_face(widget.tooltip, width, theme)
        # Beside the widget, else above or below it: the first place on the screen that
        # covers no other widget (a tip over the next button hides what it is about).
        screen = surface.get_rect()
        r = widget.rect
        places = tip_places(r, tip.get_size())
        others = [w.rect for w in self.widgets if w is not widget and w.visible]
        others += [r for r in avoid if not r.colliderect(widget.rect)]
        on_screen = [p for p in places if screen.contains(p)]
        box = next((p for p in on_screen if p.collidelist(others) == -1), None)
        if box is None and widget.tip_spot is None and on_screen:
            # Nowhere covers nothing: the place that covers least of the other controls and
            # of what the screen asks it to spare (the first place covered the next
            # buttons, a header's round or a help panel's heading: a window playtest).
            box = min(on_screen, key=lambda p: sum(
                (p.clip(o).w * p.clip(o).h) for o in others))
        if box is None and widget.tip_spot is not None:
            # The widget's own spot, the tip wrapped to its width where it is narrower.
            spot = widget.tip_spot
            if 0 < spot.w < tip.get_width():
                tip = self._tip_face(widget.tooltip, spot.w, theme)
            # Taller than the spot: it ends where the spot does (and rises above it).
            box = tip.get_rect(topleft=spot.topleft) if tip.get_height() <= spot.h or \
                spot.h <= 0 else tip.get_rect(bottomleft=spot.bottomleft)
            if spot.w > 0 and spot.h > 0:
                # The whole spot is the tip's: what the panel there says does not show
                # below a shorter tip as if it were part of it (a window playtest read the
                # objective's last word so).
                pygame.draw.rect(surface, theme.c["panel_alt"], spot.clip(screen))
        elif box is None:  # no place fits on the screen: the last, moved onto it
            box = places[-1].clamp(screen)
        box.clamp_ip(screen)
        self.tip_rect = box
        surface.blit(tip, box)
