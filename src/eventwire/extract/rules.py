"""Named rules: how the coders write down a decision made on the dependency parse.

A decision (the status of an event, the source of a verb, what a noun phrase names) is an ordered
tuple of rules, kept in one place in the module that makes it::

    STATUS_RULES = (negation, conditional, reported_would, modal, ...)

Each rule is a function of one case (a small frozen record of what the decision looks at) that
returns its answer, or ``None`` when it does not apply. ``first`` asks the rules in order and takes
the first answer, ``each`` lets every rule that applies change a value in turn. The rule's name goes
into the record's evidence, so that a user can see why something was coded as it was; its reason
(the first paragraph of its docstring) and its example sentence document it and are checked by tests::

    @rule("negation", example="Police did not arrest the protesters.")
    def negation(case: StatusCase) -> str | None:
        \"\"\"A 'not', 'no' or 'never' on the trigger or its verb negates the event.\"\"\"
        ...
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Iterator, TypeVar

Case = TypeVar("Case")
Answer = TypeVar("Answer")


@dataclass(frozen=True, slots=True)
class Rule(Generic[Case, Answer]):
    """One named step of a decision: ``decide(case)`` answers, or returns None to pass."""

    name: str
    decide: Callable[[Case], Answer | None]
    reason: str
    example: str

    def __call__(self, case: Case) -> Answer | None:
        return self.decide(case)


def rule(name: str, *, example: str) -> Callable[[Callable[[Case], Answer | None]], Rule[Case, Answer]]:
    """Make a function a named rule; the first paragraph of its docstring is the rule's reason.

    Raises:
        ValueError: the function has no docstring, or the example is empty.
    """

    def make(decide: Callable[[Case], Answer | None]) -> Rule[Case, Answer]:
        reason = " ".join((decide.__doc__ or "").strip().split("\n\n")[0].split())
        if not reason or not example.strip():
            raise ValueError(f"rule {name!r} needs a docstring (its reason) and an example")
        return Rule(name=name, decide=decide, reason=reason, example=example)

    return make


def first(rules: Iterable[Rule[Case, Answer]], case: Case) -> tuple[Answer, str] | None:
    """Ask ``rules`` in order; return the first answer and the name of the rule that gave it."""
    for each in rules:
        answer = each.decide(case)
        if answer is not None:
            if (fired := _TRACE.get()) is not None:
                fired.append(each)
            return answer, each.name
    return None


def each(rules: Iterable[Rule[Case, Case]], case: Case) -> tuple[Case, tuple[str, ...]]:
    """Let every rule that applies change ``case`` in turn; return it and the names that fired."""
    fired = []
    trace = _TRACE.get()
    for step in rules:
        changed = step.decide(case)
        if changed is not None:
            case = changed
            fired.append(step.name)
            if trace is not None:
                trace.append(step)
    return case, tuple(fired)


_TRACE: contextvars.ContextVar[list[Rule] | None] = contextvars.ContextVar("eventwire_rule_trace", default=None)


@contextlib.contextmanager
def trace() -> Iterator[list[Rule]]:
    """Collect every rule that decides something while the block runs, in order (for tests and
    for explaining a coding: ``with trace() as fired: extract(text)``)."""
    fired: list[Rule] = []
    token = _TRACE.set(fired)
    try:
        yield fired
    finally:
        _TRACE.reset(token)
