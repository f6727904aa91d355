"""What is imported or compiled only where it is used: a process that does not use it
never pays for it (each check reads a fresh process's state; nothing here is timed)."""

import json

from conftest import CORPUS, python_output

LEFT = str(CORPUS / "002_71621a2a535e6e24.txt")
RIGHT = str(CORPUS / "004_11053659e20dc7b2.txt")
# The fact patterns, each compiled by a cached function at its first use.
FACT_PATTERNS = (
    "core.facts.dates._date_re",
    "core.facts.dates._time_re",
    "core.facts.names._name_re",
    "core.facts.names._attribution_re",
    "core.facts.negation._negation_re",
    "core.facts.negation._false_negation_re",
    "core.facts.quantities._quantity_re",
    "core.facts.quantities._vague_re",
    "core.facts.quantities._label_noun_re",
    "core.facts.roles._role_re",
    "core.facts.roles._role_filler_re",
    "core.facts.roles._counted_noun_re",
)


def _state_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter, then report which modules it imported and which
    fact patterns it compiled."""
    report = (
        "import importlib, json, sys\n"
        "def compiled(name):\n"
        "    module, function = name.rsplit('.', 1)\n"
        "    if module not in sys.modules:\n"
        "        return False\n"
        "    return getattr(sys.modules[module], function).cache_info().currsize > 0\n"
        f"patterns = {FACT_PATTERNS!r}\n"
        "print(json.dumps({'modules': sorted(sys.modules),"
        " 'compiled': [p for p in patterns if compiled(p)]}))\n"
    )
    return json.loads(python_output(code + "\n" + report).splitlines()[-1])


def _main(*args: str) -> str:
    return (
        "import contextlib, io, main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main.main({list(args)!r})"
    )


def test_importing_the_engine_compiles_no_fact_pattern_and_imports_no_rapidfuzz():
    state = _state_after("import core.compare, core.pairs, core.verdict")
    assert "core.facts.roles" in state["modules"]  # the check reads real modules
    assert state["compiled"] == []
    assert not [m for m in state["modules"] if m.split(".")[0] in ("rapidfuzz", "zoneinfo")]


def test_importing_the_engine_imports_no_tempfile_or_gzip():
    # The word list's cache needs them only to write its table or read a rare file.
    state = _state_after("import core.compare, core.english")
    assert "core.english" in state["modules"]
    assert not [m for m in state["modules"] if m in ("tempfile", "gzip")]


def test_extracting_facts_compiles_the_patterns_it_uses():
    state = _state_after(
        "from core.facts import extract_facts\n"
        "extract_facts('On May 3, 2024, at 11 a.m., Musk said the valuation of xAI rose'"
        " ' to $13 billion, not 12, according to Reuters.')"
    )
    assert {
        "core.facts.dates._date_re",
        "core.facts.quantities._quantity_re",
        "core.facts.names._name_re",
        "core.facts.roles._role_re",
    } <= set(state["compiled"])


def test_a_comparison_naming_no_time_zone_imports_no_zoneinfo():
    state = _state_after(_main("compare", "--json", LEFT, RIGHT))
    assert "core.compare" in state["modules"] and "rapidfuzz" in state["modules"]
    assert "zoneinfo" not in state["modules"]


def test_the_pairs_command_imports_neither_pysbd_nor_zoneinfo(tmp_path):
    rows = tmp_path / "rows.jsonl"
    row = {"a": "The quake killed 41 people on Monday.", "b": "At least 41 died in the quake."}
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")
    state = _state_after(_main("pairs", str(rows)))
    assert "core.pairs" in state["modules"]
    heavy = ("pysbd", "zoneinfo", "scipy", "ftfy")
    assert [m for m in state["modules"] if m.split(".")[0] in heavy] == []


def test_the_collector_is_paused_from_the_start_for_one_shot_commands_only():
    import gc

    import main

    enabled = gc.isenabled()
    try:
        gc.enable()
        assert main.prepare_process(["matrix", "folder"]) is False and gc.isenabled()
        assert main.prepare_process([]) is False and gc.isenabled()  # the window
        assert main.prepare_process(["pairs", "rows.jsonl"]) is True and not gc.isenabled()
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()
