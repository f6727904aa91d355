"""Golden JSON for the ten corpus pairs: any change in what the engine finds shows in a diff.

Regenerate only on purpose, then review the diff:

    python -m pytest tests/test_golden.py --update-golden
"""

import itertools
import json

import pytest
from conftest import CORPUS, ROOT

from core.compare import compare
from core.loading import load_path
from core.serialize import comparison_to_dict
from core.settings import Settings

SETTINGS = Settings()

GOLDEN = ROOT / "tests" / "golden"
FILES = sorted(CORPUS.glob("*.txt"))
PAIRS = list(itertools.combinations(FILES, 2))


def stable(data: dict) -> dict:
    """What the engine found, without what varies by machine (paths) or release (version)."""
    data = dict(data)
    data.pop("engine", None)
    for side in ("left", "right"):
        data[side] = {**data[side], "path": data[side]["path"].rsplit("/", 1)[-1]}
    return data


@pytest.mark.parametrize("left, right", PAIRS, ids=[f"{a.stem[:3]}-{b.stem[:3]}" for a, b in PAIRS])
def test_corpus_pair_matches_golden(left, right, request):
    result = stable(
        comparison_to_dict(compare(load_path(left), load_path(right), settings=SETTINGS))
    )
    golden = GOLDEN / f"{left.stem[:3]}_{right.stem[:3]}.json"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"missing {golden.name}: run pytest --update-golden and review it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert result["links"] == expected["links"]
    assert result == expected
