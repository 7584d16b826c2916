"""The command line: ``python main.py [COMMAND] ...``; see ``--help``."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from game.errors import ParleyError, ScenarioError, SettingsError
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.model import Scenario
from game.play.wording import program as _program, read_again
from game.safetext import TerminalOutput, control
from game.settings import DIFFICULTIES, KNOWN, Settings

if TYPE_CHECKING:
    from game.play.session import Session
    from game.save import SaveFile


def _rules() -> argparse.ArgumentParser:
    """The flags for the rules of the day, shared by the window and ``play``; each overrides
    the settings file (their defaults are left out, so a flag not given changes nothing)."""
    rules = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = rules.add_argument_group("rules of the day (override --settings)")
    group.add_argument("--rounds", type=int, help="rounds of the main bargaining phase (a "
                                                  "scenario's opening and final rounds come "
                                                  "on top)")
    group.add_argument("--difficulty", choices=DIFFICULTIES, help="how hard the computer "
                                                                  "negotiates")
    group.add_argument("--no-undo", dest="undo", action="store_false",
                       help="do not allow taking moves back")
    group.add_argument("--seconds-per-turn", type=int, metavar="N",
                       help="a countdown of N seconds for each move in the window (0: none)")
    group.add_argument("--on-timeout", choices=("pass", "computer"),
                       help="when time runs out: the side passes, or the computer picks")
    group.add_argument("--scenarios", metavar="ID,ID", type=lambda t: tuple(
        x.strip() for x in t.split(",") if x.strip()), help="the scenarios offered, by id")
    group.add_argument("--require-team-names", action="store_true",
                       help="teams must give their names before they play")
    group.add_argument("--hide-priorities", dest="reveal_priorities", action="store_false",
                       help="the debrief does not reveal the other side's priorities")
    group.add_argument("--locked", action="store_true",
                       help="the window's settings screen shows these rules without letting "
                            "them be changed")
    return rules


def _settings_file(effect: str) -> argparse.ArgumentParser:
    """``--settings FILE`` for one command, given before or after the command's name; *effect*
    says what it changes for that command. (Its default is left out, so a file named before
    the command is kept.)"""
    option = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    option.add_argument("--settings", metavar="FILE",
                        help=f"a teacher's settings file (classroom.toml), checked for "
                             f"mistakes; {effect}")
    return option


def _scenario_folders() -> argparse.ArgumentParser:
    """``--scenarios-dir``, shared by the commands that read saves."""
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--scenarios-dir", metavar="DIR", action="append", default=[],
                         help="a folder of scenario files to find a save's scenario in (by "
                              "its content, never by its name); may be given again")
    return folders


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program(), parents=[_rules()],
        description="Parley: a negotiation simulation game for the classroom. With no "
                    "command, opens the game window.")
    parser.add_argument("--demo", action="store_true",
                        help="open the window with the computer playing both sides")
    parser.add_argument("--scenario", metavar="FILE", help="scenario for the game window")
    parser.add_argument("--settings", metavar="FILE",
                        help="a teacher's settings file (classroom.toml); flags override it; "
                             "may also be given after the command")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", parents=[_rules(), _scenario_folders(), _settings_file(
                                   "it sets the rules of the day (each rules flag overrides it)")],
                               help="play a game (in the window, or --text in the terminal)",
                               description="Play a game of a scenario.")
    # Not set when not given, so that "--scenario FILE" given before the command counts too.
    play.add_argument("scenario", nargs="?", default=argparse.SUPPRESS,
                      help="scenario file (default: the May 2016 joint-strikes talks; with "
                           "--load, the scenario the game was played on)")
    play.add_argument("--scenario", dest="scenario", metavar="FILE", default=argparse.SUPPRESS,
                      help="the same as the scenario file named without it")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--side",
                      help="the side you play: a side id (us, ru in the default scenario), "
                           "'both' for two teams at one keyboard, or 'none' to watch the "
                           "computer play both; without it, the game asks")
    play.add_argument("--seed", type=int, help="seed for events and the computer (default: "
                                               "random; the seed is shown so a game can be "
                                               "replayed)")
    play.add_argument("--load", metavar="SAVE", help="resume a saved game")
    play.add_argument("--team", metavar="SIDE=NAME", action="append", default=[],
                      help="the name of the team playing SIDE, recorded in the save, the "
                           "transcript and the class report (e.g. --team us='Group 3'); may "
                           "be given for each side played by people")
    play.add_argument("--no-save", action="store_true",
                      help="do not autosave (games are saved after every move to the user "
                           "data folder, or to $PARLEY_SAVES)")

    host = commands.add_parser("host", parents=[_rules(), _settings_file(
                                   "it sets the rules of the day for every table")],
                               help="run a class server: every team on its own device",
                               description="Run the class server on this computer: it prints "
                                           "the address, the class code students join with "
                                           "and the password of the teacher's page. Tables "
                                           "are saved after every move in the class folder, "
                                           "and come back when the server is started again.")
    host.add_argument("scenario", nargs="?",
                      help="scenario file or shipped scenario id (default: the first of the "
                           "settings' scenarios, or the May 2016 joint-strikes talks)")
    host.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    host.add_argument("--bind", metavar="ADDRESS", default="0.0.0.0",
                      help="the address to listen on (default: every address of this "
                           "computer; 127.0.0.1 for this computer only)")
    host.add_argument("--class-dir", metavar="DIR",
                      help="the class folder: its code, password and saved tables (default: "
                           "'class' in the saves folder); start again with the same folder to "
                           "restore every table")

    join = commands.add_parser("join", help="join a class server and play at a table",
                               description="Join the class at ADDRESS (given by the "
                                           "teacher) and play your side at a table, in the "
                                           "game window or, with --text, in the terminal.")
    join.add_argument("address", help="the class server's address, e.g. 192.168.1.20:8765")
    join.add_argument("--code", required=True, help="the class code the teacher gives")
    join.add_argument("--team", required=True, help="your team's name (at most 30 "
                                                    "characters); join again with the same "
                                                    "name to come back to your table")
    join.add_argument("--side", help="the side your team wants (us or ru in the default "
                                     "scenario); without it, any side")
    join.add_argument("--computer", action="store_true",
                      help="play against the computer instead of another team")
    join.add_argument("--text", action="store_true", help="play in the terminal")

    validate = commands.add_parser("validate", parents=[_settings_file(
                                       "its scenario ids are checked against the shipped "
                                       "scenarios")], help="check scenario files; every problem "
                                                    "with file:line:column",
                                   description="Check scenario files and report every "
                                               "problem: errors, and warnings about parts "
                                               "that can never matter in play. Exits 1 if "
                                               "any file has errors (or, with --strict, "
                                               "warnings).")
    validate.add_argument("files", nargs="*", metavar="FILE",
                          help="scenario files (default: every scenario shipped with Parley)")
    validate.add_argument("--strict", action="store_true",
                          help="treat warnings as errors (for a modder's own checks)")

    simulate = commands.add_parser("simulate", parents=[_settings_file(
                                       "the games are played by its rules")], help="computer against computer, many times: "
                                                    "balance figures",
                                   description="Play a scenario computer against computer "
                                               "many times and report how it plays.")
    simulate.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                          help="scenario file (default: the May 2016 joint-strikes talks)")
    simulate.add_argument("-n", "--games", type=int, default=1000, help="games to play")
    simulate.add_argument("--seed", type=int, default=0, help="first seed")
    simulate.add_argument("--jobs", type=int, default=1, help="processes to use")
    simulate.add_argument("--difficulty", choices=DIFFICULTIES)
    simulate.add_argument("--player", metavar="SIDE=STYLE", action="append", default=[],
                          help="a scripted player plays SIDE instead of the computer, in "
                               "the style STYLE: principled, hardline or careless (e.g. "
                               "us=principled); may be given for both sides")
    simulate.add_argument("--json", action="store_true", help="print JSON")
    simulate.add_argument("--matrix", choices=("difficulty", "strategy"),
                          help="play N games for every pair of computer difficulties or "
                               "strategies of the two sides, and print the table")

    schema = commands.add_parser("schema", parents=[_settings_file(
                                     "the schema does not depend on it")], help="JSON Schema of the scenario format, for "
                                                "editors",
                                 description="Print (or write) the JSON Schema of the "
                                             "scenario format.")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE")

    graph = commands.add_parser("graph", parents=[_settings_file(
                                    "the diagram does not depend on it")], help="the scenario's state machine as a diagram",
                                description="Draw the scenario's phases and outcomes: mermaid "
                                            "text by default; .dot, .svg or .png by the "
                                            "output's suffix (SVG and PNG need Graphviz).")
    graph.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                       help="scenario file (default: the May 2016 joint-strikes talks)")
    graph.add_argument("-o", "--output", metavar="FILE", help="write to FILE")

    transcript = commands.add_parser("transcript", parents=[_scenario_folders(), _settings_file(
                                         "a saved game keeps the rules it was played by")],
                                     help="a saved game as a Markdown or HTML transcript",
                                     description="Write a saved game's transcript: every move "
                                                 "and line with its citation, and the debrief. "
                                                 "The output's suffix picks the format: .md "
                                                 "or .html (one self-contained page with the "
                                                 "charts).")
    transcript.add_argument("save", help="saved game (.json)")
    transcript.add_argument("-o", "--output", metavar="FILE",
                            help="where to write it (default: the save's name ending in "
                                 ".html, beside it)")

    brief = commands.add_parser("brief", parents=[_settings_file(
                                    "the rounds the handout states follow it")], help="print-ready handouts: each side's confidential "
                                              "brief, or the teacher's answer sheet",
                                description="Write a self-contained HTML page to print: each "
                                            "side's brief on its own page (general "
                                            "situation, confidential brief, points table, "
                                            "fallback, red lines, sources), or with "
                                            "--teacher the answer sheet (both sides' "
                                            "points, the outcome space with the Pareto "
                                            "frontier and the Nash point, what each outcome "
                                            "means). Rounds follow --settings.")
    brief.add_argument("scenario", nargs="?", default=str(DEFAULT_SCENARIO),
                       help="scenario file or the id of a shipped scenario (default: the "
                            "May 2016 joint-strikes talks)")
    brief.add_argument("--side", default="both",
                       help="the side whose brief to write: a side id (us, ru in the default "
                            "scenario) or 'both' (default), one printed page each")
    brief.add_argument("--teacher", action="store_true",
                       help="write the teacher's answer sheet instead of the sides' briefs")
    brief.add_argument("-o", "--output", metavar="FILE.html", required=True)

    report = commands.add_parser("report", parents=[_scenario_folders(), _settings_file(
                                     "each saved game keeps the rules it was played by")],
                                 help="every saved game in a folder as one class table "
                                      "(CSV) and summary page",
                                 description="Gather every save in a folder into one CSV "
                                             "table (one row for each side of each game) and "
                                             "an HTML summary "
                                             "page written beside it.")
    report.add_argument("folder", help="folder of saved games")
    report.add_argument("-o", "--output", metavar="FILE", default="class.csv")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Everything it prints goes through :class:`~game.safetext.TerminalOutput`: scenario
    texts, team names and saved reasons reach the terminal without escape sequences, and
    a character the terminal cannot show is printed as ``?``."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _terminal(out), _terminal(err)
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:  # typed characters the terminal's encoding cannot read
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):
            pass
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _terminal(stream: TextIO) -> TextIO:
    if stream is None or isinstance(stream, TerminalOutput):
        return stream
    return cast(TextIO, TerminalOutput(stream))


#: The game the terminal is playing, so that an interruption or an error can say where
#: it is saved (or that it is not).
_PLAYING: list[Session] = []


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    _PLAYING.clear()
    try:
        if args.settings and args.command in ("schema", "graph", "transcript", "report"):
            from game.settings import load_settings
            load_settings(args.settings)  # a mistake in it is worth knowing about
        if args.command in ("play", "simulate", "graph", "host", None):
            # Every command that plays or draws a scenario takes a shipped one's id, as
            # brief does: "play --text ceasefire_feb_2016".
            args.scenario = _shipped_path(getattr(args, "scenario", None))
        if args.command is None:
            return _window(args.scenario, args.demo, _settings(args, window=True))
        handler = {"play": _play, "validate": _validate, "simulate": _simulate,
                   "schema": _schema, "graph": _graph, "transcript": _transcript,
                   "report": _report, "brief": _brief, "host": _host,
                   "join": _join}[args.command]
        return handler(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except ParleyError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        if _PLAYING:
            print(_where_saved(_PLAYING[-1]), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output was piped into a program that stopped reading
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug: say so plainly, keep a report, lose nothing
        from game.crashlog import write_crash_log
        report = write_crash_log(exc, {"command": " ".join(sys.argv)})
        print(f"parley: an unexpected error stopped the program: {exc!r}.", file=sys.stderr)
        if _PLAYING:
            print(_where_saved(_PLAYING[-1]), file=sys.stderr)
        if report:
            print(f"A report was written to {report}; please send it to whoever looks "
                  "after Parley.", file=sys.stderr)
        return 70


def _load(path: str) -> Scenario:
    from game.scenario import load_scenario
    return load_scenario(path)


def _window(scenario: str | None, demo: bool, settings: Settings | None = None, *,
            side: str | None = None, seed: int | None = None, load: Path | None = None) -> int:
    try:
        from game.ui.app import run
    except ImportError as exc:
        print(f"parley: the game window is not available ({exc}); play in the terminal "
              f"with: {_program()} play --text", file=sys.stderr)
        return 2
    return int(run(scenario, demo=demo, settings=settings, side=side, seed=seed, load=load))


def _settings(args: argparse.Namespace, window: bool = False) -> Settings:
    from game.settings import load_settings, preferences_file

    if args.settings:
        base = load_settings(args.settings)
    elif window and preferences_file().is_file():
        # The settings last chosen on the window's settings screen, on this computer.
        try:
            base = load_settings(preferences_file())
        except SettingsError as exc:
            print(f"parley: ignoring the saved settings ({exc}); using the defaults",
                  file=sys.stderr)
            base = Settings()
    else:
        base = Settings()
    given = {key: getattr(args, key) for key in KNOWN if hasattr(args, key)}
    if given.get("scenarios") is not None:
        from game.settings import unknown_scenarios
        problems = unknown_scenarios(given["scenarios"])
        if problems:
            raise SettingsError("--scenarios: " + "; ".join(problems))
    if given.get("seconds_per_turn") == 0:
        given["seconds_per_turn"] = None
        return Settings.from_json({**base.to_json(), **given})
    return base.updated(**given)


def _play(args: argparse.Namespace) -> int:
    from game.engine import Game
    from game.play.session import Session, team_names
    from game.save import Autosave, read_save, restore, save_folder
    from game.textplay import Quit, TextGame, ask_team_names, choose_sides, terminal_clearer

    save = read_save(Path(args.load)) if args.load else None
    scenario = (_scenario_of(save, args) if save is not None
                else _load(args.scenario or str(DEFAULT_SCENARIO)))
    settings = _settings(args, window=not args.text)
    sides = list(scenario.side_ids)
    if not args.text:
        if args.team:
            print("parley: --team names the teams of the terminal game (play --text); the "
                  "window asks for them on its own screen", file=sys.stderr)
            return 2
        side = args.side if args.side in (None, "both", "none") else \
            scenario.side_named(args.side)
        if args.side is not None and side is None:
            print(f"parley: unknown side {args.side!r}; choose one of "
                  f"{_sides_named(scenario)}, both or none", file=sys.stderr)
            return 2
        return _window(args.scenario or str(DEFAULT_SCENARIO), side == "none", settings,
                       side=None if side == "none" else side, seed=args.seed,
                       load=Path(args.load) if args.load else None)
    if settings.seconds_per_turn:
        # The terminal game has no countdown: its games say so in their save, transcript
        # and class report (a teacher read "90 s a move" for games that had none).
        print("parley: the terminal game has no countdown; seconds_per_turn applies in the "
              "window only", file=sys.stderr)
        settings = Settings.from_json({**settings.to_json(), "seconds_per_turn": None})
    if args.side is None:
        if save is not None:
            humans = set()  # the save says who plays
        else:
            try:
                humans = choose_sides(scenario, sys.stdin, sys.stdout)
            except Quit:
                return 0
    elif args.side == "both":
        humans = set(sides)
    elif args.side == "none":
        humans = set()
    elif (named := scenario.side_named(args.side)) is not None:
        humans = {named}
    else:
        print(f"parley: unknown side {args.side!r}; choose one of "
              f"{_sides_named(scenario)}, both or none", file=sys.stderr)
        return 2
    teams, problem = _teams(args.team, scenario, humans, save is not None)
    if problem is not None:
        print(f"parley: {problem}", file=sys.stderr)
        return 2
    if save is None and settings.require_team_names:
        try:
            teams = ask_team_names(scenario, [s for s in sides if s in humans], teams,
                                   sys.stdin, sys.stdout)
        except Quit:
            return 0
    if save is not None:
        restored = restore(save, scenario)
        print(f"(resuming {args.load}: {restored.replayed} moves replayed)")
        if restored.warning:
            print(restored.warning)
        if (restored.lost or restored.changed) and not args.no_save:
            print("(the game goes on in a new save file; the old one keeps every move)")
        session = Session.resume(restored, Path(args.load), save=not args.no_save)
    else:
        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        game = Game(scenario, settings, seed, team_names(sides, humans, teams))
        print(f"(seed {seed}: replay this game with --seed {seed})")
        # Nobody plays when the computer plays itself: nothing worth keeping, so no save.
        autosave = None if args.no_save or not humans else \
            Autosave(save_folder(), game, humans)
        session = Session(game, humans, autosave=autosave)
    def where_saved() -> str | None:
        if session.game.moves and (session.saved.written or not session.save_works):
            return _where_saved(session)
        return None

    text = TextGame(session, sys.stdin, sys.stdout, terminal_clearer(sys.stdout),
                    where_saved)
    if args.load:
        text.resume()
    _PLAYING[:] = [session]
    code = text.run()
    note = None if text.told_where_saved else where_saved()
    if note:
        print(note)
    return code


def _sides_named(scenario: Scenario) -> str:
    """The scenario's sides as a player may name them: "us (United States), ru (Russia)"."""
    return ", ".join(f"{side} ({scenario.sides[side].name})" for side in scenario.side_ids)


def _teams(given: list[str], scenario: Scenario, humans: set[str],
           resumed: bool) -> tuple[dict[str, str], str | None]:
    """The team names ``--team SIDE=NAME`` gives, or a sentence saying what is wrong."""
    from game.play.session import TEAM_NAME_LIMIT

    teams: dict[str, str] = {}
    if given and resumed:
        return {}, "--team names the teams of a new game; a saved game keeps its own names"
    for text in given:
        side, equals, name = text.partition("=")
        side, name = side.strip(), name.strip()
        if not equals or not side or not name:
            return {}, f"--team takes SIDE=NAME, e.g. us='Group 3' (got {text!r})"
        named = scenario.side_named(side)
        if named is None:
            return {}, (f"--team {text}: unknown side {side!r}; the scenario's sides are "
                        f"{', '.join(scenario.side_ids)}")
        side = named
        if side not in humans:
            return {}, (f"--team {text}: {scenario.sides[side].name} is played by the "
                        "computer in this game")
        if side in teams:
            return {}, f"--team: the side {side!r} is named twice"
        if len(name) > TEAM_NAME_LIMIT:
            return {}, (f"--team {text}: a team name has at most {TEAM_NAME_LIMIT} "
                        f"characters, not {len(name)}")
        teams[side] = name
    return teams, None


def _where_saved(session: Session) -> str:
    """Where the game is saved and how to resume it, or that it is not saved: never a
    claim that it is saved when the last save failed."""
    saved = session.saved
    if saved.path is None:
        return "(the game is not saved)"
    failed = not session.save_works
    if not saved.written:
        if failed:
            return f"(the game could not be saved to {saved.path}; it is not saved)"
        return "(no move was made since the game was loaded or begun: nothing new to save)"
    if failed:
        return (f"(the last moves could not be saved: {saved.path} holds the game as it was "
                "at the last save that worked)")
    if session.game.finished:
        then = "\n" + read_again(saved.path)
    else:
        then = f"\nResume it with: {_program()} play --text --load {saved.path}"
    return f"(game saved to {saved.path}){then}"


def _folders(args: argparse.Namespace) -> list[Path]:
    """The folders given with ``--scenarios-dir``; raises ParleyError for one that is not."""
    folders = [Path(name) for name in args.scenarios_dir]
    for folder in folders:
        if not folder.is_dir():
            raise ParleyError(f"--scenarios-dir {folder}: no such folder")
    return folders


def _scenario_of(save: SaveFile, args: argparse.Namespace) -> Scenario:
    """The scenario ``play --load`` replays *save* on: see :mod:`game.resolve`."""
    from game.resolve import ScenarioFinder

    finder = ScenarioFinder([args.scenario] if args.scenario else [], _folders(args),
                            advice=f"Name the scenario file ({_program()} play --text FILE "
                                   "--load SAVE), or the folder that holds it "
                                   "(--scenarios-dir DIR).")
    found = finder.find(save, Path(args.load))
    if found.note:
        print(f"({found.note})")
    return found.scenario


#: The schema file shipped beside the scenarios (``schema -o`` writes it).
SCHEMA_FILE = "scenario.schema.json"


def _validate(args: argparse.Namespace) -> int:
    from game.scenario import check_file

    # With no file named, Parley checks its own: an installed copy can be checked without
    # knowing where it was installed.
    names = args.files or [str(path) for path in shipped_scenarios()]
    failed = 0
    if args.settings:
        from game.settings import load_settings

        try:
            load_settings(args.settings)
            print(f"{args.settings}: OK: settings")
        except SettingsError as exc:
            print(exc)
            failed += 1
    for name in names:
        if Path(name).name == SCHEMA_FILE:
            # `validate scenarios/*` also names the format's own schema: not a scenario.
            print(f"{name}: skipped: the JSON Schema of the scenario format, not a scenario")
            continue
        scenario, problems = check_file(name)
        for problem in problems:
            print(problem)
        if scenario is None or args.strict and problems:
            failed += 1
        else:
            print(f"{name}: OK: {scenario.title}")
    if failed:
        total = len(names) + (1 if args.settings else 0)
        print(f"{failed} of {total} file{'s' if total > 1 else ''} failed", file=sys.stderr)
    return 1 if failed else 0


def _progress(done: int, total: int) -> None:
    """A progress bar on the terminal (only when a person is watching it)."""
    if not sys.stderr.isatty():
        return
    filled = round(30 * done / max(total, 1))
    end = "\n" if done >= total else ""
    control(sys.stderr, f"\r[{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,} games"
            f"{end}")
    sys.stderr.flush()


def _simulate(args: argparse.Namespace) -> int:
    from game.simulate import format_matrix, format_summary, matrix, simulate, summary

    if args.games < 1 or args.jobs < 1:
        print("parley: --games and --jobs must be at least 1", file=sys.stderr)
        return 2
    jobs = min(args.jobs, os.cpu_count() or 1)
    settings = _settings(args)
    players, problem = _players(args.player, args.scenario)
    if problem is None and players and args.matrix:
        problem = "--player cannot be used with --matrix: the matrix pits the computer " \
                  "against itself"
    if problem is not None:
        print(f"parley: {problem}", file=sys.stderr)
        return 2
    if args.matrix:
        data = matrix(args.scenario, args.matrix, args.games, args.seed, jobs, settings,
                      _progress)
        scenario = _load(args.scenario)
        names = {s: scenario.sides[s].short for s in scenario.sides}
        print(json.dumps(data, indent=2) if args.json else format_matrix(data, names))
        return 0
    scenario, tally = simulate(args.scenario, args.games, args.seed, jobs, settings,
                               progress=_progress, players=players)
    data = summary(scenario, tally, players)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        names = {o.id: o.name for o in scenario.outcomes}
        names.update({s: scenario.sides[s].short for s in scenario.sides})
        print(format_summary(data, names, scenario))
    return 0


def _players(given: list[str], path: str) -> tuple[dict[str, str], str | None]:
    """The sides ``--player SIDE=STYLE`` gives to scripted players, or a sentence saying
    what is wrong with them."""
    from game.play.styles import STYLES

    players: dict[str, str] = {}
    if not given:
        return players, None
    scenario = _load(path)
    for text in given:
        side, equals, name = text.partition("=")
        side, name = side.strip(), name.strip()
        if not equals or not side or not name:
            return {}, f"--player takes SIDE=STYLE, e.g. us=principled (got {text!r})"
        named = scenario.side_named(side)
        if named is None:
            return {}, (f"--player: unknown side {side!r}: the scenario's sides are "
                        f"{', '.join(scenario.side_ids)}")
        side = named
        if name not in STYLES:
            return {}, (f"--player: unknown style {name!r}: the styles are "
                        f"{', '.join(STYLES)}")
        if side in players:
            return {}, f"--player: the side {side!r} is given twice"
        players[side] = name
    return players, None


def _schema(args: argparse.Namespace) -> int:
    from game.model import Scenario as Model

    text = json.dumps(Model.model_json_schema(), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _transcript(args: argparse.Namespace) -> int:
    from game import transcript
    from game.resolve import FOLDER_ADVICE, ScenarioFinder
    from game.save import read_save, restore

    save = read_save(Path(args.save))
    finder = ScenarioFinder(folders=_folders(args), advice=FOLDER_ADVICE)
    restored = restore(save, finder.find(save, Path(args.save)).scenario)
    output = Path(args.output) if args.output else Path(args.save).with_suffix(".html")
    if output.suffix.lower() in (".html", ".htm"):
        text = transcript.html(restored.game, restored.humans)
    elif output.suffix.lower() in (".md", ".markdown", ".txt"):
        text = transcript.markdown(restored.game, restored.humans)
    else:
        print("parley: the output must end in .md or .html", file=sys.stderr)
        return 2
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"parley: transcript -o {output}: cannot write there ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    if restored.warning:
        print(restored.warning, file=sys.stderr)
    print(f"wrote {output}" + ("" if restored.game.finished else
                               " (the game is not over: only what its team has seen)"))
    return 0


def _report(args: argparse.Namespace) -> int:
    from game.report import gather, page_title, write_csv, write_html

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"parley: {folder} is not a folder", file=sys.stderr)
        return 2
    rows, problems = gather(folder, _folders(args))
    output = Path(args.output)
    if output.suffix.lower() != ".csv":
        print(f"parley: report -o {output}: the table is a CSV file; name it .csv (the page "
              "is written beside it, as .html)", file=sys.stderr)
        return 2
    page = output.with_suffix(".html")
    try:
        write_csv(rows, output)
        write_html(rows, problems, page, page_title(rows, folder))
    except OSError as exc:
        print(f"parley: report -o {output}: cannot write there ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)
    games = len({row.values["file"] for row in rows})
    print(f"wrote {output} ({games} game{'s' if games != 1 else ''}, one row for each side) "
          f"and {page}")
    return 0


def _host(args: argparse.Namespace) -> int:
    import asyncio

    from game.net.classroom import Classroom
    from game.net.server import serve
    from game.save import save_folder

    settings = _settings(args)
    if not 1 <= args.port <= 65535:
        raise ParleyError(f"--port {args.port}: a port is a number from 1 to 65535")
    name = args.scenario or (settings.scenarios[0] if settings.scenarios else
                             str(DEFAULT_SCENARIO))
    scenario = _scenario_named(name)
    folder = Path(args.class_dir) if args.class_dir else save_folder() / "class"
    try:
        classroom = Classroom(scenario, settings, folder)
    except OSError as exc:
        raise ParleyError(f"the class folder {folder} cannot be used "
                          f"({exc.strerror or exc})") from None

    def announce(address: str, port: int) -> None:
        print(f"Parley class server: {scenario.title}")
        print(f"  Address:          {address}:{port}")
        print(f"  Class code:       {classroom.code}")
        print(f"  Teacher password: {classroom.password}")
        print(f"  Teacher's page:   http://{address}:{port}/teacher")
        print(f"  Students join with: {_program()} join {address}:{port} --code "
              f"{classroom.code} --team NAME")
        print(f"  Tables are saved in {classroom.tables_folder}")
        if classroom.restored:
            print(f"  {classroom.restored} table(s) restored from an earlier run.")
        print("Press Ctrl-C to stop the server (every table is saved).", flush=True)

    def on_network(name: str | None) -> None:
        from game.net.lan import INSTALL, available
        if name is not None:
            print(f"  Announced on the local network as {name!r}: the join screen of the "
                  "game's window lists it.", flush=True)
        elif not available():
            print(f"  ({INSTALL} to have the class listed on students' join screens.)",
                  flush=True)

    try:
        asyncio.run(serve(classroom, args.bind, args.port, announce, on_network))
    except OSError as exc:
        raise ParleyError(f"cannot listen on {args.bind}:{args.port} "
                          f"({exc.strerror or exc})") from None
    except KeyboardInterrupt:
        classroom.flush()  # every table's last move is on the disk before it says so
        print(f"\nThe class server has stopped. Every table is saved in "
              f"{classroom.tables_folder}: start it again with the same --class-dir "
              f"({folder}) and the teams join again to go on.", flush=True)
        return 0
    return 0


def _join(args: argparse.Namespace) -> int:
    from game.net.client import run_join
    from game.save import save_folder

    if args.text:
        return run_join(args.address, args.code, args.team, args.side, args.computer,
                        sys.stdin, sys.stdout, save_folder())
    try:
        from game.ui.app import run
        from game.ui.navigation import JoinClass
    except ImportError as exc:
        print(f"parley: the game window is not available ({exc}); join in the terminal "
              f"with --text", file=sys.stderr)
        return 2
    return int(run(join=JoinClass(args.address, args.code, args.team, args.side,
                                  args.computer)))


def _shipped_path(name: str | None) -> str | None:
    """*name*, or the file of the shipped scenario with that id when no file has that
    name."""
    if name is None or Path(name).exists():
        return name
    shipped = {path.stem: path for path in shipped_scenarios()}
    return str(shipped[name]) if name in shipped else name


def _scenario_named(name: str) -> Scenario:
    """A scenario from a file, or else from the id of a shipped scenario; raises
    ParleyError with the nearest shipped id when it is neither."""
    import difflib

    path = _shipped_path(name) or name
    if path != name or Path(name).exists() or Path(name).suffix in (".yaml", ".yml"):
        return _load(path)
    shipped = sorted(path.stem for path in shipped_scenarios())
    near = difflib.get_close_matches(name, shipped, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise ParleyError(f"{name!r} is neither a scenario file nor a shipped scenario{hint}; "
                      f"the shipped scenarios are {', '.join(shipped)}")


def _brief(args: argparse.Namespace) -> int:
    from game.handout import answer_sheet_html, briefs_html

    output = Path(args.output)
    if output.suffix.lower() not in (".html", ".htm"):
        print(f"parley: brief -o {output}: the handout is an HTML page; name it .html",
              file=sys.stderr)
        return 2
    scenario = _scenario_named(args.scenario)
    settings = _settings(args)
    sides = list(scenario.side_ids)
    if args.side != "both" and (named := scenario.side_named(args.side)) is not None:
        sides = [named]
    if args.teacher:
        text = answer_sheet_html(scenario, settings)
    elif args.side == "both" or len(sides) == 1:
        text = briefs_html(scenario, sides, settings)
    else:
        print(f"parley: brief --side {args.side}: unknown side; choose one of "
              f"{_sides_named(scenario)} or both", file=sys.stderr)
        return 2
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"parley: brief -o {output}: cannot write there ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    what = "the answer sheet" if args.teacher else "the brief of " + " and ".join(
        scenario.sides[s].name for s in sides)
    print(f"wrote {output} ({what}: open it in a browser and print it)")
    return 0


def _graph(args: argparse.Namespace) -> int:
    from game.graph import mermaid, render

    scenario = _load(args.scenario)
    if not args.output:
        sys.stdout.write(mermaid(scenario))
        return 0
    try:
        what = render(scenario, Path(args.output))
    except RuntimeError as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({what})")
    return 0
