import pytest

from tests.factories import decision_text


@pytest.fixture
def write_decision(tmp_path):
    """Write a decision file (compact layout) and return its path; fields as decision_text."""
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)

    def write(name: str = "decision.txt", encoding: str = "utf-8", **fields):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(decision_text(**fields).encode(encoding))
        return path

    return write
