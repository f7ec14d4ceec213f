"""Every error of unspin.errors survives a pickle round-trip (errors travel from worker processes
back to the parent; one that cannot be unpickled used to deadlock `analyze -j N`)."""

import inspect
import pickle

import pytest

import unspin.errors as errors_module
from unspin import InputError, UnspinError
from unspin.ingest import Failure

ERROR_CLASSES = sorted(
    (obj for obj in vars(errors_module).values()
     if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == errors_module.__name__),
    key=lambda c: c.__name__,
)


def _instance(cls):
    """An instance built by filling every constructor parameter with a distinct string."""
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
              and p.default is p.empty]
    if not params:  # Exception.__init__(*args)
        return cls(f"{cls.__name__} message")
    return cls(*[f"{cls.__name__}-{p.name}" for p in params])


def _same(a, b):
    assert type(b) is type(a)
    assert b.args == a.args
    assert str(b) == str(a)
    assert vars(b) == vars(a)
    assert b.exit_code == a.exit_code


def test_the_module_has_the_documented_classes():
    names = {c.__name__ for c in ERROR_CLASSES}
    assert {"UnspinError", "InputError", "RecordError", "UsageError", "WorkerError", "PluginError"} <= names
    for c in ERROR_CLASSES:
        assert c.__name__ in errors_module.__doc__, f"{c.__name__} missing from the tree in the docstring"


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_every_error_round_trips(cls, protocol):
    err = _instance(cls)
    err.__notes__ = ["a note"]  # extra attributes come back too
    _same(err, pickle.loads(pickle.dumps(err, protocol)))


def test_input_error_keeps_source_and_reason():
    err = pickle.loads(pickle.dumps(errors_module.RecordError("f.jsonl:2", "field 'text' is a int")))
    assert (err.source, err.reason, str(err)) == ("f.jsonl:2", "field 'text' is a int", "f.jsonl:2: field 'text' is a int")


class LineError(InputError):
    """A subclass with extra constructor arguments and attributes (as plugins may define)."""

    def __init__(self, path, line, reason, *, hint=None):
        self.line = line
        self.hint = hint
        super().__init__(f"{path}:{line}", reason)


class Bare(UnspinError):
    def __init__(self):
        super().__init__("fixed message")
        self.extra = [1, 2]


@pytest.mark.parametrize("err", [LineError("a.csv", 7, "bad row", hint="quote it"), Bare()], ids=repr)
def test_subclasses_with_other_arguments_round_trip(err):
    _same(err, pickle.loads(pickle.dumps(err)))


def test_a_failure_carrying_an_error_round_trips():
    f = Failure("x.jsonl:2", errors_module.RecordError("x.jsonl:2", "no text"))
    g = pickle.loads(pickle.dumps(f))
    assert g.to_dict() == f.to_dict() and g.message == f.message
