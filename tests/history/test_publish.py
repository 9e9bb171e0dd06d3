"""The tables in an output folder switch from one set to the next all at once: a kill at any step
of the switch leaves the old set or the new one, whole, and the next run tidies up after it."""

import os
import shutil
import signal

import pytest

from hymnsheet_talk.atomic import TABLE_SETS
from hymnsheet_talk.history import Store, update
from hymnsheet_talk.history.publish import write_history

from conftest import write_meeting

# Every file-system step the switch takes: writing each table ends with a rename.
STEPS = [(os, "replace"), (os, "symlink"), (os, "link"), (os, "unlink"), (os, "rename"), (shutil, "rmtree")]


def _tables(out):
    """The tables a reader of the output folder sees, by name (links followed)."""
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv")) if path.is_file()}


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """An output folder whose tables show two meetings as they were, and whose history holds them
    as they are now (the tables not yet rewritten); and the tables the rewrite gives."""
    root = tmp_path_factory.mktemp("switch")
    folder, old = root / "in", root / "old"
    folder.mkdir()
    write_meeting(folder, "a.txt", [("Ann", "The park has no lighting."), ("Bob", "Why not?")])
    write_meeting(folder, "b.txt", [("Cal", "He chooses to go there."), ("Ann", "What would help?")])
    update([folder], old, formats={"csv"})
    write_meeting(folder, "a.txt", [("Ann", "The underpass is dark."), ("Dee", "Could housing fix the lights?")])
    write_meeting(folder, "b.txt", [("Cal", "We will fund a youth club."), ("Bob", "I don't know.")])
    update([folder], old, formats=set())  # stored, not yet written
    # The same folder as an older version left it: the tables as plain files, no sets.
    plain = root / "plain"
    shutil.copytree(old, plain, symlinks=False, ignore=shutil.ignore_patterns(TABLE_SETS))
    new = root / "new"
    shutil.copytree(old, new, symlinks=True)
    _write(new)
    return old, plain, _tables(old), _tables(new)


def _write(out):
    with Store(out) as store, store.transaction():
        write_history(store, out, {"csv"})


def _killed_at(step, out) -> bool:
    """Rewrite ``out``'s tables in a child process killed at its ``step``-th file-system step;
    False when the rewrite finished first."""
    pid = os.fork()
    if pid == 0:
        taken = [0]

        def counted(function):
            def step_then(*args, **kwargs):
                taken[0] += 1
                if taken[0] == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                return function(*args, **kwargs)
            return step_then

        for module, name in STEPS:
            setattr(module, name, counted(getattr(module, name)))
        _write(out)
        os._exit(0)
    _pid, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("start", ["links", "plain files"])
def test_a_kill_at_every_step_of_the_switch_leaves_one_whole_set(folders, tmp_path, start):
    old, plain, before, after = folders
    assert before != after and set(before) == set(after)
    step = 0
    while True:
        step += 1
        out = tmp_path / f"step{step}"
        shutil.copytree(old if start == "links" else plain, out, symlinks=True)
        killed = _killed_at(step, out)
        seen = _tables(out)
        assert seen in (before, after), f"a kill at step {step} left a mix of old and new tables"
        if not killed:
            break
        # The next run finishes the job and leaves nothing of the killed one behind.
        _write(out)
        assert _tables(out) == after
        assert [path.name for path in out.iterdir() if path.name.startswith(".")] == [TABLE_SETS]
        assert len(list((out / TABLE_SETS).iterdir())) == 2
    assert seen == after
    assert step > 2 * len(after), "the switch took fewer steps than it writes tables: were they all counted?"


def test_where_links_cannot_be_made_each_table_is_still_replaced_whole(folders, tmp_path, monkeypatch):
    old, _plain, _before, after = folders
    out = tmp_path / "out"
    shutil.copytree(old, out, symlinks=True)

    def refused(*_args, **_kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", refused)
    _write(out)
    assert _tables(out) == after
    assert not any(path.is_symlink() for path in out.glob("*.csv"))
